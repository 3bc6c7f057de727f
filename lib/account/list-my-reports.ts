import { and, desc, eq, or, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, reportRatings, reports } from "@/db/schema";
import type { CitizenActor, TenantRef } from "@/lib/context";
import { linkToken } from "@/lib/reports/links";
import { isOpenStatus } from "@/lib/reports/statuses";

/**
 * "Le mie segnalazioni": the signed-in person's reports in this comune only — filed while signed in, or
 * with their email address. Private ones carry the reporter's view token so the link opens them. Each
 * links to adding information and, once closed and not yet rated for this closure, to the rating form:
 * those pages authorise the signed-in reporter by ownership, so no emailed token is needed.
 */
export async function listMyReports({ ctx }: { ctx: { tenant: Pick<TenantRef, "id">; actor: CitizenActor } }) {
  const { tenant, actor } = ctx;
  const rows = await withTenant(tenant.id, (tx) =>
    tx
      .select({
        id: reports.id,
        code: reports.code,
        status: reports.status,
        isPublic: reports.isPublic,
        title: reports.title,
        address: reports.address,
        createdAt: reports.createdAt,
        category: categories.name,
        // One rating per closure (see rateReport): rated when a rating carries the current closure time.
        rated: sql<boolean>`exists (select 1 from ${reportRatings} rr where rr.tenant_id = ${reports.tenantId}
          and rr.report_id = ${reports.id} and rr.closed_at = coalesce(${reports.closedAt}, ${reports.updatedAt}))`,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .where(
        and(
          eq(reports.tenantId, tenant.id),
          or(eq(reports.reporterUserId, actor.userId), eq(reports.reporterEmail, actor.email.toLowerCase())),
        ),
      )
      .orderBy(desc(reports.createdAt))
      .limit(200),
  );
  return rows.map(({ rated, ...r }) => ({
    ...r,
    href: r.isPublic ? `/segnalazioni/${r.code}` : `/segnalazioni/${r.code}?t=${linkToken("view", r.id)}`,
    addInfoHref: `/segnalazioni/${r.code}/integra`,
    rateHref: !isOpenStatus(r.status) && !rated ? `/segnalazioni/${r.code}/valuta` : null,
  }));
}
