import { and, desc, eq, or } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, reports } from "@/db/schema";
import type { CitizenActor, TenantRef } from "@/lib/context";
import { linkToken } from "@/lib/reports/links";

/**
 * "Le mie segnalazioni": the signed-in person's reports in this comune only — filed while signed in, or
 * with their email address. Private ones carry the reporter's view token so the link opens them.
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
  return rows.map((r) => ({
    ...r,
    href: r.isPublic ? `/segnalazioni/${r.code}` : `/segnalazioni/${r.code}?t=${linkToken("view", r.id)}`,
  }));
}
