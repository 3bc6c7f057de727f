/**
 * Midnight in Rome of an ISO day ("2026-03-29"), as a UTC instant. Date filters of the back office are in
 * the comune's local days: a report filed at 00:30 on the 5th in Rome (23:30 UTC on the 4th) belongs to the 5th.
 */
export function romeMidnight(day: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const rome = new Date(guess.toLocaleString("en-US", { timeZone: "Europe/Rome" }));
  const utc = new Date(guess.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(guess.getTime() - (rome.getTime() - utc.getTime()));
}

/** The first instant after an ISO day in Rome (the exclusive end of a "to" filter; 23 or 25 hours on DST days). */
export function romeNextMidnight(day: string): Date {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return romeMidnight(next.toISOString().slice(0, 10));
}
