import { and, count, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { reports, REPORT_STATUSES, type ReportStatus } from "@/db/schema";

export type StatusCounts = Record<ReportStatus, number> & { total: number };

/** Live counts of the comune's reports by state (all reports: figures only, nothing personal). */
export async function countReportsByStatus(tenantId: string): Promise<StatusCounts> {
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({ status: reports.status, n: count() })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId)))
      .groupBy(reports.status),
  );
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  counts.total = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}
