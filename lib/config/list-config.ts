import { and, asc, count, eq, inArray } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { OPEN_STATUSES, categories, offices, organisations, reports, responseTemplates } from "@/db/schema";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";

/**
 * Read side of the settings pages: the comune's offices (with open report counts, to offer reassignment),
 * organisations, category tree and templates. Requires config.write like the writes they prepare.
 */
export async function listConfig({ ctx }: { ctx: Ctx }) {
  staffWith(ctx, "config.write");
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const officeRows = await tx.select().from(offices).where(eq(offices.tenantId, tenantId)).orderBy(asc(offices.name));
    const openCounts = await tx
      .select({ officeId: reports.officeId, n: count() })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), inArray(reports.status, [...OPEN_STATUSES])))
      .groupBy(reports.officeId);
    const open = new Map(openCounts.map((r) => [r.officeId, Number(r.n)]));
    const orgRows = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.tenantId, tenantId))
      .orderBy(asc(organisations.name));
    const categoryRows = await tx
      .select()
      .from(categories)
      .where(eq(categories.tenantId, tenantId))
      .orderBy(asc(categories.sortOrder), asc(categories.name));
    const templateRows = await tx
      .select()
      .from(responseTemplates)
      .where(eq(responseTemplates.tenantId, tenantId))
      .orderBy(asc(responseTemplates.title));
    const roots = categoryRows.filter((c) => !c.parentId);
    const tree = roots.map((root) => ({ ...root, children: categoryRows.filter((c) => c.parentId === root.id) }));
    return {
      offices: officeRows.map((o) => ({ ...o, openReports: open.get(o.id) ?? 0 })),
      organisations: orgRows,
      categories: tree,
      templates: templateRows,
    };
  });
}

export type ConfigLists = Awaited<ReturnType<typeof listConfig>>;
