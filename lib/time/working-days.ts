import { TIME_ZONE } from "@/lib/i18n/config";

/**
 * SLA deadlines in Italian working days: Monday–Friday, excluding national public holidays (fixed dates,
 * Easter Monday). Computed on the Europe/Rome calendar date, returned as the end of that day in Rome.
 */
const FIXED_HOLIDAYS = new Set([
  "01-01", // Capodanno
  "01-06", // Epifania
  "04-25", // Festa della Liberazione
  "05-01", // Festa del Lavoro
  "06-02", // Festa della Repubblica
  "08-15", // Ferragosto
  "11-01", // Ognissanti
  "12-08", // Immacolata
  "12-25", // Natale
  "12-26", // Santo Stefano
]);

/** Gregorian Easter Sunday (anonymous algorithm), as a UTC date at midnight. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** y-m-d of a civil date held in a UTC Date. */
function civil(date: Date): { y: number; m: number; d: number } {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function isItalianHoliday(date: Date): boolean {
  const { y, m, d } = civil(date);
  if (FIXED_HOLIDAYS.has(`${pad(m)}-${pad(d)}`)) return true;
  const easterMonday = easterSunday(y);
  easterMonday.setUTCDate(easterMonday.getUTCDate() + 1);
  return easterMonday.getUTCMonth() + 1 === m && easterMonday.getUTCDate() === d;
}

export function isWorkingDay(date: Date): boolean {
  const dow = date.getUTCDay();
  return dow !== 0 && dow !== 6 && !isItalianHoliday(date);
}

// One formatter each for the process: building an Intl formatter costs far more than using it.
const ROME_CIVIL_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const ROME_WALL_CLOCK = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** The civil date in Rome of an instant, as a UTC-midnight Date. */
export function romeDate(instant: Date): Date {
  const parts = ROME_CIVIL_DATE.format(instant)
    .split("-")
    .map(Number);
  return new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!));
}

/** Offset of Rome from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function romeOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(ROME_WALL_CLOCK.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const wallAsUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * Deadline `days` working days after `from`: the end (23:59:59 Rome time) of that working day.
 * 0 days means the end of the current day if it is a working day, else of the next one.
 *
 * Every report filed asks for one, and the answer only changes when Rome's calendar date does — always
 * on a whole UTC hour (Rome is UTC+1 or +2 and switches at 01:00 UTC) — so it is kept per hour and
 * number of days: the Intl calls behind it cost more than the rest of filing's arithmetic together.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const key = `${Math.floor(from.getTime() / HOUR)}:${days}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline = computeDeadline(from, days);
    // A few keys a day in practice (SLA lengths); bounded all the same.
    if (deadlines.size >= 1024) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return new Date(deadline);
}

const HOUR = 3_600_000;
const deadlines = new Map<string, number>();

function computeDeadline(from: Date, days: number): number {
  const day = romeDate(from);
  let remaining = Math.max(0, Math.floor(days));
  while (!isWorkingDay(day)) day.setUTCDate(day.getUTCDate() + 1);
  while (remaining > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day)) remaining--;
  }
  const endLocal = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 23, 59, 59);
  return endLocal - romeOffsetMinutes(new Date(endLocal)) * 60000;
}
