import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { invitations, membershipOffices, memberships, type Role } from "@/db/schema";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { usersByIds } from "./users-lookup";

/** The comune's staff (with offices and second-factor status) and its pending invitations. */
export async function listStaff({ ctx }: { ctx: Ctx }) {
  staffWith(ctx, "staff.manage");
  const tenantId = ctx.tenant.id;
  const { members, links, pending } = await withTenant(tenantId, async (tx) => ({
    members: await tx.select().from(memberships).where(eq(memberships.tenantId, tenantId)).orderBy(asc(memberships.createdAt)),
    links: await tx.select().from(membershipOffices).where(eq(membershipOffices.tenantId, tenantId)),
    pending: await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tenantId, tenantId), isNull(invitations.acceptedAt)))
      .orderBy(desc(invitations.createdAt)),
  }));
  const people = await usersByIds(members.map((m) => m.userId));
  return {
    members: members
      .map((m) => ({
        userId: m.userId,
        role: m.role as Role,
        title: m.title,
        organisationId: m.organisationId,
        officeIds: links.filter((l) => l.userId === m.userId).map((l) => l.officeId),
        name: people.get(m.userId)?.name ?? null,
        email: people.get(m.userId)?.email ?? "",
        totp: people.get(m.userId)?.totp ?? false,
      }))
      .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email, "it")),
    invitations: pending.map((i) => ({ ...i, role: i.role as Role, expired: i.expiresAt < new Date() })),
  };
}

export type StaffList = Awaited<ReturnType<typeof listStaff>>;
