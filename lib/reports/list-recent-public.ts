import { and, desc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, reports, type ReportStatus } from "@/db/schema";

export type PublicReportSummary = {
  code: string;
  title: string | null;
  category: string;
  categoryEn: string | null;
  status: ReportStatus;
  address: string | null;
  createdAt: Date;
};

/**
 * The comune's latest public reports. Only public reports of public categories, and no reporter data:
 * this shape is what may leave for anonymous visitors.
 */
export async function listRecentPublicReports(tenantId: string, limit = 10): Promise<PublicReportSummary[]> {
  return withTenant(tenantId, (tx) =>
    tx
      .select({
        code: reports.code,
        title: reports.title,
        category: categories.name,
        categoryEn: categories.nameEn,
        status: reports.status,
        address: reports.address,
        createdAt: reports.createdAt,
      })
      .from(reports)
      .innerJoin(
        categories,
        and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)),
      )
      .where(
        and(eq(reports.tenantId, tenantId), eq(reports.isPublic, true), eq(categories.visibility, "public")),
      )
      .orderBy(desc(reports.createdAt))
      .limit(limit),
  );
}
