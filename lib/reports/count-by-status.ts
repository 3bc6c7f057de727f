import { sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { REPORT_STATUSES, type ReportStatus } from "@/db/schema";
import { rowsOf } from "./list-public";
import { publicReportPredicates } from "./public-filters";

export type StatusCounts = Record<ReportStatus, number> & { total: number };

/**
 * Live counts by state of what the public may see: public reports of public categories, the same set as
 * the unfiltered map and list (same predicates), so the home page's total matches the list's. Private
 * reports and internal categories are neither counted nor hinted at.
 */
export async function countReportsByStatus(tenantId: string): Promise<StatusCounts> {
  const rows = await withTenant(tenantId, async (tx) =>
    rowsOf<{ status: ReportStatus; n: number }>(
      await tx.execute(sql`
        select r.status, count(*)::int as n from reports r
        join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
        where ${publicReportPredicates(tenantId, {})}
        group by r.status`),
    ),
  );
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  counts.total = 0;
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}
