import { and, asc, eq, inArray, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { withTenant } from "@/db/client";
import { categories, membershipOffices, memberships, offices, organisations, responseTemplates, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { asStaff } from "./staff-write";

/**
 * The comune's choices shown in back-office forms and filters: leaf categories, offices, organisations,
 * handling staff with their offices, saved replies. Names only — nothing a staff member may not see.
 */
export async function listBackofficeOptions({ ctx }: { ctx: Ctx }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  const tenantId = staff.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const child = alias(categories, "child");
    const [cats, officeRows, orgRows, people, links, templates] = await Promise.all([
      tx
        .select({ id: categories.id, name: categories.name, officeId: categories.defaultOfficeId })
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
