import { and, asc, eq, inArray, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { withTenant } from "@/db/client";
import { categories, membershipOffices, memberships, offices, organisations, responseTemplates, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { asStaff } from "./staff-write";

/**
 * The comune's choices shown in back-office forms and filters: leaf categories, offices, organisations,
 * handling staff with their offices, saved replies; leaf categories carry their extra questions. Names only — nothing a staff member may not see.
 */
export async function listBackofficeOptions({ ctx }: { ctx: Ctx }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  const tenantId = staff.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const child = alias(categories, "child");
    const [cats, officeRows, orgRows, people, links, templates] = await Promise.all([
      tx
        .select({ id: categories.id, name: categories.name, officeId: categories.defaultOfficeId, extraQuestions: categories.extraQuestions })
        .from(categories)
        .where(
          and(
            eq(categories.tenantId, tenantId),
            eq(categories.active, true),
            notExists(tx.select({ id: child.id }).from(child).where(and(eq(child.tenantId, tenantId), eq(child.parentId, categories.id)))),
          ),
        )
        .orderBy(asc(categories.sortOrder), asc(categories.name)),
      tx.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.tenantId, tenantId)).orderBy(asc(offices.name)),
      tx.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(eq(organisations.tenantId, tenantId)).orderBy(asc(organisations.name)),
      tx
        .select({ id: users.id, name: users.name, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.role, ["admin", "supervisor", "operator"])))
        .orderBy(asc(users.name)),
      tx.select({ userId: membershipOffices.userId, officeId: membershipOffices.officeId }).from(membershipOffices).where(eq(membershipOffices.tenantId, tenantId)),
      tx.select({ id: responseTemplates.id, title: responseTemplates.title, body: responseTemplates.body, status: responseTemplates.status }).from(responseTemplates).where(eq(responseTemplates.tenantId, tenantId)).orderBy(asc(responseTemplates.title)),
    ]);
    const staffList = people.map((p) => ({ ...p, name: p.name ?? p.id, officeIds: links.filter((l) => l.userId === p.id).map((l) => l.officeId) }));
    return { categories: cats, offices: officeRows, organisations: orgRows, staff: staffList, templates };
  });
}

export type BackofficeOptions = Awaited<ReturnType<typeof listBackofficeOptions>>;

export type TemplateOption = BackofficeOptions["templates"][number];

/**
 * The saved replies to offer for a step that leads to `status`: those written for that state first, then
 * the general ones (no state). `only` drops templates meant for other states (closing a report as
 * resolved never offers the "not competent" text); without it they follow, for free replies.
 */
export function templatesFor(templates: TemplateOption[], status: string, only: boolean): (TemplateOption & { suggested: boolean })[] {
  const rank = (tp: TemplateOption) => (tp.status === status ? 0 : tp.status === null ? 1 : 2);
  return templates
    .filter((tp) => !only || rank(tp) < 2)
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, "it"))
    .map((tp) => ({ ...tp, suggested: tp.status === status }));
}

/**
 * The text of one of the comune's saved replies, for a form sent without JavaScript (the template was
 * chosen but its text never reached the box). Null when it is not this comune's template.
 */
export async function templateBody({ ctx, templateId }: { ctx: Ctx; templateId: string }): Promise<string | null> {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  if (!/^[0-9a-f-]{36}$/i.test(templateId)) return null;
  const [row] = await withTenant(staff.tenant.id, (tx) =>
    tx
      .select({ body: responseTemplates.body })
      .from(responseTemplates)
      .where(and(eq(responseTemplates.tenantId, staff.tenant.id), eq(responseTemplates.id, templateId))),
  );
  return row?.body ?? null;
}
