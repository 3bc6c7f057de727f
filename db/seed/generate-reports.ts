import { bboxOf, distanceMetres, pointInPolygon, type Polygon } from "@/lib/geo/polygon";
import { formatReportCode } from "@/lib/reports/report-code";
import { addWorkingDays } from "@/lib/time/working-days";
import { REPORT_STATUSES } from "../schema";
import type {
  ExtraQuestion,
  ReportChannel,
  ReportPriority,
  ReportStatus,
  reportEvents,
  reportRatings,
  reports,
  reportSupports,
} from "../schema";
import { CLOSINGS, FIRST_NAMES, LAST_NAMES, REPORT_TEXTS } from "./data/texts";
import { pick, pickWeighted, uuidFrom, type Random } from "./random";
import { buildTimeline, DAY, HOUR, isOfficeHours, MINUTE, SELF_SERVICE, time, type Sink } from "./timeline";

export type NewReport = typeof reports.$inferInsert;
export type NewReportEvent = typeof reportEvents.$inferInsert;
export type NewRating = typeof reportRatings.$inferInsert;
export type NewSupport = typeof reportSupports.$inferInsert;
export type Actor = { userId: string; name: string };

export type GeneratorLeaf = {
  id: string;
  key: string;
  parentKey: string;
  officeId: string;
  officeSignature: string;
  organisationId: string | null;
  organisationName: string | null;
  slaDays: number;
  weight: number;
  priority: ReportPriority;
  internal: boolean;
  privateByDefault: boolean;
  commentsEnabled: boolean;
  extraQuestions: ExtraQuestion[];
};

export type GeneratorInput = {
  tenantId: string;
  codePrefix: string;
  boundary: Polygon;
  centre: { lat: number; lng: number };
  clusterSigmaKm: number;
  centralRadiusKm: number;
  streets: { central: string[]; outer: string[] };
  otherBodies: string[];
  leaves: GeneratorLeaf[];
  supervisor: Actor;
  /** Signs a few public replies ("Paolo Giraudo — Sindaco"). */
  politician: Actor & { signature: string };
  operatorsByOffice: Map<string, Actor[]>;
  count: number;
  now: Date;
  rand: Random;
};

const SPAN_DAYS = 300;
const ROME_YEAR = new Intl.DateTimeFormat("en", { timeZone: "Europe/Rome", year: "numeric" });
/** Phone, counter, letter and e-mail reports are typed in by the URP, so they only appear in office hours. */
const CHANNELS: [ReportChannel, number][] = [
  ["web", 58],
  ["app", 12],
  ["phone", 13],
  ["email", 9],
  ["counter", 6],
  ["letter", 1.5],
  ["open311", 1],
];

/**
 * Generates the reports of one comune, oldest first, with their timelines, ratings, supports and the per-year
 * code counters. Pure: the caller inserts the rows.
 */
export function generateReports(input: GeneratorInput) {
  const { rand, now } = input;
  const all: NewReport[] = [];
  const sink: Sink = { events: [], ratings: [], supporters: new Map() };
  const counters = new Map<number, number>();
  const byLeaf = new Map<string, NewReport[]>();
  const leaves = input.leaves.filter((l) => l.weight > 0);
  const citizenLeaves = leaves.filter((l) => !l.internal);
  // More recent reports than old ones: adoption grows after launch.
  const times = Array.from({ length: input.count }, () => creationTime(rand, now, SPAN_DAYS * rand() ** 1.3));
  times.sort((a, b) => a.getTime() - b.getTime());

  for (const createdAt of times) {
    const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
    const staffed = isOfficeHours(createdAt.getTime());
    const leaf = pickWeighted(rand, staffed ? leaves : citizenLeaves, (l) => l.weight);
    const year = Number(ROME_YEAR.format(createdAt));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const sameLeaf = byLeaf.get(leaf.id) ?? [];
    byLeaf.set(leaf.id, sameLeaf);
    const recent = sameLeaf.filter((r) => createdAt.getTime() - time(r.createdAt) < 60 * DAY).slice(-5);
    let status = pickStatus(rand, ageDays);
    const original = status === "duplicate" && recent.length > 0 ? pick(rand, recent) : null;
    if (status === "duplicate" && !original) status = "resolved";

    const report = baseReport(input, leaf, createdAt, formatReportCode(input.codePrefix, year, seq), staffed);
    if (original) {
      // A duplicate describes the same spot: a few metres away, same address.
      report.lat = round6(original.lat + (rand() - 0.5) * 0.0004);
      report.lng = round6(original.lng + (rand() - 0.5) * 0.0005);
      report.address = original.address ?? null;
    }
    buildTimeline(input, leaf, report, status, original, sink);
    all.push(report);
    sameLeaf.push(report);
  }
  return {
    reports: all,
    events: strictlyIncreasing(sink.events),
    ratings: sink.ratings,
    supports: supportRows(input, all, sink.supporters),
    counters: [...counters].map(([year, value]) => ({ year, value })),
  };
}

/** "Anche io" rows matching each report's support_count, dated while the report was open. */
function supportRows(
  input: GeneratorInput,
  all: NewReport[],
  known: Map<string, Map<string, Date>>,
): NewSupport[] {
  const { rand, now } = input;
  const rows: NewSupport[] = [];
  for (const report of all) {
    const supporters = known.get(report.id!) ?? new Map<string, Date>();
    const from = time(report.createdAt);
    const until = time(report.closedAt ?? now);
    for (let guard = 0; supporters.size < (report.supportCount ?? 0) && guard < 100; guard++) {
      const person = fakePerson(rand);
      supporters.set(
        `email:${person.email}`,
        new Date(from + 1000 + rand() * Math.max(0, until - from - 1000)),
      );
    }
    report.supportCount = supporters.size;
    for (const [supporterKey, createdAt] of supporters) {
      rows.push({ tenantId: input.tenantId, reportId: report.id!, supporterKey, createdAt });
    }
  }
  return rows;
}

function baseReport(
  input: GeneratorInput,
  leaf: GeneratorLeaf,
  createdAt: Date,
  code: string,
  staffed: boolean,
): NewReport {
  const { rand } = input;
  const point = randomPoint(input);
  const central = distanceMetres(point, input.centre) < input.centralRadiusKm * 1000;
  const street = pick(rand, central ? input.streets.central : input.streets.outer);
  const texts = REPORT_TEXTS[leaf.key];
  if (!texts) throw new Error(`Testi demo mancanti per la categoria ${leaf.key}`);
  const [title, description] = pick(rand, texts);
  const closing = rand() < 0.25 ? ` ${pick(rand, CLOSINGS)}` : "";
  const channels = staffed ? CHANNELS : CHANNELS.filter(([c]) => SELF_SERVICE.has(c));
  const channel: ReportChannel = leaf.internal ? "staff" : pickWeighted(rand, channels, (c) => c[1])[0];
  const reporter = leaf.internal ? null : fakeReporter(rand, channel);
  const corner = rand() < 0.12 ? pick(rand, input.streets.central) : null;
  // Like createReport: routed to the category's office and organisation, due after its SLA in working days.
  return {
    tenantId: input.tenantId,
    id: uuidFrom(rand),
    code,
    categoryId: leaf.id,
    officeId: leaf.officeId,
    organisationId: leaf.organisationId,
    status: "new",
    isPublic: !leaf.internal && !leaf.privateByDefault && rand() >= 0.05,
    priority: leaf.priority !== "normal" ? leaf.priority : pickWeighted(rand, PRIORITIES, (p) => p[1])[0],
    channel,
    title,
    description: description.replaceAll("{via}", street) + closing,
    lat: point.lat,
    lng: point.lng,
    address:
      corner && corner !== street
        ? `${street}, angolo ${corner}`
        : `${street} ${1 + Math.floor(rand() * 120)}`,
    answers: fakeAnswers(rand, leaf.extraQuestions),
    reporterName: reporter?.name ?? null,
    reporterEmail: reporter?.email ?? null,
    reporterPhone: reporter?.phone ?? null,
    callbackRequested: channel === "phone" && !reporter?.email && rand() < 0.6,
    supportCount: Math.floor(16 * rand() ** 3),
    createdAt,
    updatedAt: createdAt,
    dueAt: dueDate(createdAt, leaf.slaDays),
  };
}

const PRIORITIES: [ReportPriority, number][] = [
  ["normal", 88],
  ["high", 6],
  ["low", 6],
];

const dueDates = new Map<string, number>();

/**
 * addWorkingDays builds time-zone formatters on every call, a sizeable share of the seed's time. Before
 * 22:00 UTC the date in Rome is the UTC date, and the deadline depends only on that date and the SLA.
 */
function dueDate(createdAt: Date, slaDays: number): Date {
  if (createdAt.getUTCHours() >= 22) return addWorkingDays(createdAt, slaDays);
  const key = `${createdAt.toISOString().slice(0, 10)}:${slaDays}`;
  const due = dueDates.get(key) ?? addWorkingDays(createdAt, slaDays).getTime();
  dueDates.set(key, due);
  return new Date(due);
}

/** Older reports are mostly closed; the last weeks are mostly still open. Weights follow REPORT_STATUSES. */
const STATUS_MIX: [maxAgeDays: number, weights: number[]][] = [
  [3, [55, 25, 8, 6, 1, 2, 3]],
  [14, [18, 27, 20, 25, 3, 3, 4]],
  [45, [5, 10, 18, 55, 4, 3, 5]],
  [Infinity, [1, 3, 7, 72, 6, 5, 6]],
];

function pickStatus(rand: Random, ageDays: number): ReportStatus {
  const weights = STATUS_MIX.find(([maxAge]) => ageDays < maxAge)?.[1] ?? [];
  return pickWeighted(rand, REPORT_STATUSES, (_, i) => weights[i] ?? 0);
}

/** Citizens write by day, mostly in the morning and the early evening (UTC hours; Rome is UTC+1/+2). */
function creationTime(rand: Random, now: Date, ageDays: number): Date {
  const day = new Date(now.getTime() - ageDays * DAY);
  const hour = pickWeighted(rand, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], (h) =>
    h < 11 || (h > 14 && h < 19) ? 3 : 1,
  );
  day.setUTCHours(hour, Math.floor(rand() * 60), Math.floor(rand() * 60), Math.floor(rand() * 1000));
  const latest = now.getTime() - 10 * MINUTE;
  return day.getTime() <= latest ? day : new Date(latest - Math.floor(rand() * 6 * HOUR));
}

function fakePerson(rand: Random) {
  const first = pick(rand, FIRST_NAMES);
  const last = pick(rand, LAST_NAMES);
  const suffix = rand() < 0.4 ? String(10 + Math.floor(rand() * 90)) : "";
  return { name: `${first} ${last}`, email: `${asciiSlug(first)}.${asciiSlug(last)}${suffix}@example.com` };
}

/** Like createReport demands, every citizen can be reached back: by email, or by phone when they have none. */
function fakeReporter(rand: Random, channel: ReportChannel) {
  const person = fakePerson(rand);
  const throughStaff = channel === "phone" || channel === "counter" || channel === "letter";
  const email = channel === "email" || rand() < (throughStaff ? 0.3 : 0.95) ? person.email : null;
  const phone = channel === "phone" || !email || rand() < 0.25 ? fakePhone(rand) : null;
  return { name: throughStaff || rand() < 0.85 ? person.name : null, email, phone };
}

function fakePhone(rand: Random): string {
  return `+39 3${20 + Math.floor(rand() * 80)} ${String(Math.floor(rand() * 10_000_000)).padStart(7, "0")}`;
}

function fakeAnswers(rand: Random, questions: ExtraQuestion[]): Record<string, string | number | boolean> {
  const answers: Record<string, string | number | boolean> = {};
  for (const q of questions) {
    if (rand() < 0.4) continue;
    if (q.type === "select" && q.options?.length) answers[q.code] = pick(rand, q.options);
    else if (q.type === "text") answers[q.code] = `${Math.floor(rand() * 900) + 100}`;
    else if (q.type === "number") answers[q.code] = Math.floor(rand() * 10) + 1;
    else if (q.type === "boolean") answers[q.code] = rand() < 0.5;
  }
  return answers;
}

/** Rejection sampling: a cluster around the centre plus a uniform spread, kept only inside the boundary. */
function randomPoint(input: GeneratorInput): { lat: number; lng: number } {
  const { rand, centre, boundary } = input;
  const box = bboxOf(boundary);
  const kmLat = 111.2;
  const kmLng = 111.32 * Math.cos((centre.lat * Math.PI) / 180);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    let lat: number;
    let lng: number;
    if (rand() < 0.6) {
      const r = input.clusterSigmaKm * Math.sqrt(-2 * Math.log(1 - rand()));
      const theta = 2 * Math.PI * rand();
      lat = centre.lat + (r * Math.sin(theta)) / kmLat;
      lng = centre.lng + (r * Math.cos(theta)) / kmLng;
    } else {
      lat = box.minLat + rand() * (box.maxLat - box.minLat);
      lng = box.minLng + rand() * (box.maxLng - box.minLng);
    }
    if (pointInPolygon(lng, lat, boundary)) return { lat: round6(lat), lng: round6(lng) };
  }
  return { lat: centre.lat, lng: centre.lng };
}

/** Two events of one report never share a timestamp, so timelines sort the same way everywhere. */
function strictlyIncreasing(events: NewReportEvent[]): NewReportEvent[] {
  const last = new Map<string, number>();
  const sorted = [...events].sort((a, b) => time(a.createdAt) - time(b.createdAt));
  for (const e of sorted) {
    const t = Math.max(time(e.createdAt), (last.get(e.reportId) ?? -Infinity) + 1);
    e.createdAt = new Date(t);
    last.set(e.reportId, t);
  }
  return sorted;
}

function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
