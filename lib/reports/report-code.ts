import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reusable } from "@/db/reusable";
import { reportCounters } from "@/db/schema";

/** FOS-2026-000123: prefix, year (Rome calendar), per-comune per-year sequence. */
export function formatReportCode(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, "0")}`;
}

export const REPORT_CODE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;

const ROME_YEAR = new Intl.DateTimeFormat("en", { timeZone: "Europe/Rome", year: "numeric" });

/**
 * The year of an instant on the Rome calendar (a report filed at 00:30 on 1 January is of the new year).
 * Rome's new year starts on a whole UTC hour, so the last hour's answer is kept: every filing asks.
 */
export function romeYear(now: Date): number {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== lastYear.hour) lastYear = { hour, year: Number(ROME_YEAR.format(now)) };
  return lastYear.year;
}
let lastYear = { hour: Number.NaN, year: 0 };

/**
 * The comune's next sequence number for the year (the row stays locked until the transaction ends).
 * The counter exists after the year's first report: a plain UPDATE then, which writes the row once —
 * `insert … on conflict do update` first probes the unique index, then locks the row (a WAL record of
 * its own), then updates it. The first report of a year (or of a comune) creates the row with the upsert,
 * which is also right when two first reports race.
 */
export async function nextReportNumber(tx: Tx, tenantId: string, year: number): Promise<number> {
  const [bumped] = await bumpNumber(tx, { tenantId, year });
  if (bumped) return bumped.value;
  const [row] = await drawNumber(tx, { tenantId, year });
  return row!.value;
}

/** Built once (db/reusable.ts): every report filed runs it. */
const bumpNumber = reusable("bump_report_number", (tx) =>
  tx
    .update(reportCounters)
    .set({ value: sql`${reportCounters.value} + 1` })
    .where(and(eq(reportCounters.tenantId, sql.placeholder("tenantId")), eq(reportCounters.year, sql.placeholder("year"))))
    .returning({ value: reportCounters.value }),
);

/** The year's first number: creates the counter (or bumps it, should another first report have just done so). */
const drawNumber = reusable("next_report_number", (tx) =>
  tx
    .insert(reportCounters)
    .values({ tenantId: sql.placeholder("tenantId"), year: sql.placeholder("year"), value: 1 })
    .onConflictDoUpdate({
      target: [reportCounters.tenantId, reportCounters.year],
      set: { value: sql`${reportCounters.value} + 1` },
    })
    .returning({ value: reportCounters.value }),
);
