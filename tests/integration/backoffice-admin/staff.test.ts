import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, membershipOffices, memberships, outbox, users } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { verifyPassword } from "@/lib/auth/password";
import { acceptInvitation, findInvitation } from "@/lib/staff/accept-invitation";
import { inviteStaff } from "@/lib/staff/invite-staff";
import { listStaff } from "@/lib/staff/list-staff";
import { removeMember } from "@/lib/staff/remove-member";
import { revokeInvitation } from "@/lib/staff/revoke-invitation";
import { updateMember } from "@/lib/staff/update-member";
import { createOffice, createOrganisation, createStaff, createTenant, createUser } from "../../support/factories";
import { auditRows, expectCode, staffCtx } from "./helpers";

const PASSWORD = "un-prato-verde-di-maggio";

/** The token travels only in the emailed link: read it back from the outbox row like the mail would. */
async function invitationToken(tenantId: string, email: string): Promise<string> {
  const db = await getSystemDb();
  const rows = await db.select().from(outbox).where(eq(outbox.tenantId, tenantId));
  const payload = rows.map((r) => r.payload as { message?: { to?: string; template?: string; action?: { url: string } } }).reverse().find((p) => p.message?.to === email);
  expect(payload?.message?.template).toBe("settings.invitation");
  return new URL(payload!.message!.action!.url).searchParams.get("token")!;
}

describe("invitations", () => {
  it("admin invites an operator; the person accepts once, with a password, and becomes staff with the offices", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const office = await createOffice(tenant);
    const email = `nuova-${Date.now()}@example.it`;
    const { id } = await inviteStaff({ ctx: admin, input: { email: email.toUpperCase(), role: "operator", officeIds: [office.id] } });
    const db = await getSystemDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row).toMatchObject({ email, role: "operator", officeIds: [office.id], invitedBy: admin.actor.userId });
    const token = await invitationToken(tenant.id, email);
    expect(row!.tokenHash).not.toContain(token);
    expect(await findInvitation(tenant, token)).toMatchObject({ email, hasAccount: false });
    expect(await findInvitation(await createTenant(), token)).toBeNull();

    const weak = await expectCode(acceptInvitation({ tenant, input: { token, name: "Nuova", password: "corta" } }), "validation");
    expect(weak.fieldErrors).toMatchObject({ password: ["password_too_short"] });
    const same = await expectCode(acceptInvitation({ tenant, input: { token, name: "Nuova", password: email } }), "validation");
    expect(same.fieldErrors).toMatchObject({ password: ["password_is_email"] });
    const common = await expectCode(acceptInvitation({ tenant, input: { token, name: "Nuova", password: "Password1234" } }), "validation");
    expect(common.fieldErrors).toMatchObject({ password: ["password_common"] });

    const accepted = await acceptInvitation({ tenant, input: { token, name: "Nuova Operatrice", password: PASSWORD } });
    const [user] = await db.select().from(users).where(eq(users.id, accepted.userId));
    expect(user).toMatchObject({ email, name: "Nuova Operatrice" });
    expect(await verifyPassword(PASSWORD, user!.passwordHash)).toBe(true);
    const [m] = await db.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user!.id)));
    expect(m!.role).toBe("operator");
    expect(await db.select().from(membershipOffices).where(eq(membershipOffices.userId, user!.id))).toEqual([
      { tenantId: tenant.id, userId: user!.id, officeId: office.id },
    ]);
    expect(await auditRows(tenant.id, "staff.invite")).toHaveLength(1);
    expect(await auditRows(tenant.id, "staff.accept")).toHaveLength(1);
    await expectCode(acceptInvitation({ tenant, input: { token, name: "Ancora", password: PASSWORD } }), "not_found");
    await expectCode(inviteStaff({ ctx: admin, input: { email, role: "supervisor" } }), "already_member");
  });

  it("an existing account accepts without changing its password; another comune's token is not found", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const elsewhere = await createTenant();
    const { user } = await createStaff(elsewhere, "operator", { user: { passwordHash: "scrypt$keep" } });
    const org = await createOrganisation(tenant);
    await inviteStaff({ ctx: admin, input: { email: user.email, role: "external", organisationId: org.id } });
    const token = await invitationToken(tenant.id, user.email);
    await expectCode(acceptInvitation({ tenant: elsewhere, input: { token } }), "not_found");
    expect(await findInvitation(tenant, token)).toMatchObject({ hasAccount: true, hasPassword: true });
    await acceptInvitation({ tenant, input: { token } });
    const db = await getSystemDb();
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.passwordHash).toBe("scrypt$keep");
    const [m] = await db.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id)));
    expect(m).toMatchObject({ role: "external", organisationId: org.id });
  });

  it("expired and revoked invitations do not work", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const { id } = await inviteStaff({ ctx: admin, input: { email: "scade@example.it", role: "politician" } });
    const token = await invitationToken(tenant.id, "scade@example.it");
    const db = await getSystemDb();
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, id));
    await expectCode(acceptInvitation({ tenant, input: { token, name: "Tardi", password: PASSWORD } }), "not_found");
    const { id: second } = await inviteStaff({ ctx: admin, input: { email: "revoca@example.it", role: "politician" } });
    const token2 = await invitationToken(tenant.id, "revoca@example.it");
    await expectCode(revokeInvitation({ ctx: await staffCtx(await createTenant(), "admin"), input: { id: second } }), "not_found");
    await revokeInvitation({ ctx: admin, input: { id: second } });
    await expectCode(acceptInvitation({ tenant, input: { token: token2, name: "No", password: PASSWORD } }), "not_found");
    expect(await auditRows(tenant.id, "staff.revoke")).toHaveLength(1);
  });

  it("role scope is validated; only admins manage staff", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const foreignOffice = await createOffice(await createTenant());
    const e1 = await expectCode(inviteStaff({ ctx: admin, input: { email: "op@example.it", role: "operator" } }), "validation");
    expect(e1.fieldErrors).toMatchObject({ officeIds: ["office_required"] });
    await expectCode(inviteStaff({ ctx: admin, input: { email: "op@example.it", role: "operator", officeIds: [foreignOffice.id] } }), "validation");
    const e3 = await expectCode(inviteStaff({ ctx: admin, input: { email: "ext@example.it", role: "external" } }), "validation");
    expect(e3.fieldErrors).toMatchObject({ organisationId: ["organisation_required"] });
    await expectCode(inviteStaff({ ctx: admin, input: { email: "non-una-email", role: "admin" } }), "validation");
    const supervisor = await staffCtx(tenant, "supervisor");
    await expectCode(inviteStaff({ ctx: supervisor, input: { email: "x@example.it", role: "admin" } }), "forbidden");
    await expectCode(listStaff({ ctx: supervisor }), "forbidden");
  });
});

describe("members", () => {
  it("changes role and offices; protects the last admin; removes a member", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const office = await createOffice(tenant);
    const { user: op } = await createStaff(tenant, "operator", { officeIds: [office.id] });
    await updateMember({ ctx: admin, input: { userId: op.id, role: "supervisor", officeIds: [], title: "URP" } });
    const db = await getSystemDb();
    const [m] = await db.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, op.id)));
    expect(m).toMatchObject({ role: "supervisor", title: "URP" });
    expect(await db.select().from(membershipOffices).where(eq(membershipOffices.userId, op.id))).toHaveLength(0);
    await expectCode(updateMember({ ctx: admin, input: { userId: admin.actor.userId, role: "operator", officeIds: [office.id] } }), "last_admin");
    await expectCode(removeMember({ ctx: admin, input: { userId: admin.actor.userId } }), "last_admin");
    const list = await listStaff({ ctx: admin });
    expect(list.members.map((x) => x.userId).sort()).toEqual([admin.actor.userId, op.id].sort());
    await removeMember({ ctx: admin, input: { userId: op.id } });
    expect(await db.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, op.id)))).toHaveLength(0);
    expect(await auditRows(tenant.id, "staff.update")).toHaveLength(1);
    expect(await auditRows(tenant.id, "staff.remove")).toHaveLength(1);
    // With a second admin, the first may step down.
    const { user: second } = await createStaff(tenant, "admin");
    await removeMember({ ctx: admin, input: { userId: second.id } });
  });

  it("another comune's member is not found; non-admins are forbidden", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const { user: foreign } = await createStaff(await createTenant(), "operator");
    const outsider = await createUser();
    await expectCode(updateMember({ ctx: admin, input: { userId: foreign.id, role: "politician" } }), "not_found");
    await expectCode(removeMember({ ctx: admin, input: { userId: outsider.id } }), "not_found");
    const operator = await staffCtx(tenant, "operator");
    await expectCode(removeMember({ ctx: operator, input: { userId: admin.actor.userId } }), "forbidden");
    await expectCode(updateMember({ ctx: operator, input: { userId: admin.actor.userId, role: "politician" } }), "forbidden");
  });
});
