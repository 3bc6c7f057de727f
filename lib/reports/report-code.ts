import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reportCounters } from "@/db/schema";

/** FOS-2026-000123: prefix, year (Rome calendar), per-comune per-year sequence. */
export function formatReportCode(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, "0")}`;
}

export const REPORT_CODE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;

/** Next code for the comune: an upsert on (tenant, year) serialises concurrent submissions row-wise. */
export async function nextReportCode(tx: Tx, tenantId: string, prefix: string, now: Date): Promise<string> {
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Rome", year: "numeric" }).format(now));
  const [row] = await tx
    .insert(reportCounters)
    .values({ tenantId, year, value: 1 })
    .onConflictDoUpdate({
      target: [reportCounters.tenantId, reportCounters.year],
      set: { value: sql`${reportCounters.value} + 1` },
    })
    .returning({ value: reportCounters.value });
  return formatReportCode(prefix, year, row!.value);
}
