import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, invitations, membershipOffices, memberships, users, type Role } from "@/db/schema";
// System handle: the person accepting has no session and may have no user row yet; the user (platform
// table) and the membership (tenant tables, tenant_id set explicitly on every row and filter) must be
// created in ONE transaction, which withTenant cannot give since app_user may not write users.
import { getSystemDb } from "@/db/system";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { parseInput } from "@/lib/config/parse";
import type { TenantRef } from "@/lib/context";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { hashToken } from "@/lib/security/tokens";

export type PendingInvitation = { id: string; email: string; role: Role; hasAccount: boolean; hasPassword: boolean };

/** The pending, unexpired invitation of this comune behind a token, or null (shown as "link not valid"). */
export async function findInvitation(tenant: Pick<TenantRef, "id">, token: string): Promise<PendingInvitation | null> {
  if (!token || token.length > 200) return null;
  const db = await getSystemDb();
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenant.id),
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) return null;
  const [user] = await db.select().from(users).where(eq(users.email, row.email)).limit(1);
  const live = user && !user.deletedAt ? user : null;
  return { id: row.id, email: row.email, role: row.role as Role, hasAccount: Boolean(live), hasPassword: Boolean(live?.passwordHash) };
}

export const acceptInvitationInput = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().max(120, "too_long").optional(),
  password: z.string().max(200, "password_too_long").optional(),
});

/**
 * Accepts an invitation once: creates the user (or reuses the existing account of that email — the link
 * proves the address, and an existing password is kept, never overwritten), the membership with its
 * offices, marks the invitation accepted and writes the audit row, all in one transaction. A second use,
 * an expired link or a link of another comune is NotFound.
 */
export async function acceptInvitation({ tenant, input, ip }: { tenant: Pick<TenantRef, "id">; input: z.input<typeof acceptInvitationInput>; ip?: string | null }) {
  const data = parseInput(acceptInvitationInput, input);
  const pending = await findInvitation(tenant, data.token);
  if (!pending) throw new NotFoundError("invitation");
  const needsPassword = !pending.hasPassword;
  if (needsPassword) {
    const problem = passwordProblem(data.password ?? "", pending.email);
    if (problem) throw new ValidationError("validation", { password: [problem] });
  }
  if (!pending.hasAccount && !data.name) throw new ValidationError("validation", { name: ["required"] });
  const passwordHash = needsPassword ? await hashPassword(data.password!) : null;
  const db = await getSystemDb();
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.tenantId, tenant.id), eq(invitations.id, pending.id), isNull(invitations.acceptedAt)))
      .returning();
    if (!claimed) throw new NotFoundError("invitation");
    let [user] = await tx.select().from(users).where(eq(users.email, claimed.email)).limit(1);
    if (user?.deletedAt) throw new NotFoundError("invitation");
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: claimed.email, name: data.name!, passwordHash, emailVerified: new Date() })
        .returning();
    } else {
      await tx
        .update(users)
        .set({
          ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
          ...(user.name ? {} : { name: data.name || null }),
          emailVerified: user.emailVerified ?? new Date(),
        })
        .where(eq(users.id, user.id));
    }
    const [existing] = await tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user!.id)));
    if (existing) throw new ConflictError("already_member");
    await tx.insert(memberships).values({
      tenantId: tenant.id,
      userId: user!.id,
      role: claimed.role as Role,
      organisationId: claimed.organisationId,
    });
    if (claimed.officeIds.length > 0) {
      await tx
        .insert(membershipOffices)
        .values(claimed.officeIds.map((officeId) => ({ tenantId: tenant.id, userId: user!.id, officeId })));
    }
    await tx.insert(auditEvents).values({
      tenantId: tenant.id,
      actorUserId: user!.id,
      actorKind: "staff",
      action: "staff.accept",
      targetType: "user",
      targetId: user!.id,
      data: { email: claimed.email, role: claimed.role, invitationId: claimed.id },
      ip: ip ?? null,
    });
    return { userId: user!.id, email: claimed.email, role: claimed.role as Role };
  });
}

