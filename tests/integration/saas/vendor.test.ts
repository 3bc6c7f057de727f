import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { auditEvents, billingAccounts, platformAuditEvents, supportAccessGrants, tenantDomains, tenants, vendorStaff, type VendorRole } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { VendorActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { ConflictError, ForbiddenError, NotFoundError, SuspendedError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { updateBranding } from "@/lib/onboarding/update-branding";
import { updateInvoicingData } from "@/lib/billing/invoicing-data";
import { sweepBillingStatuses } from "@/lib/billing/sweep";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";
import { addCustomDomain } from "@/lib/vendor/add-domain";
import { changePlan } from "@/lib/vendor/change-plan";
import { removeCustomDomain } from "@/lib/vendor/remove-domain";
import { extendTrial } from "@/lib/vendor/extend-trial";
import { listPlatformAudit } from "@/lib/vendor/list-platform-audit";
import { listTenants } from "@/lib/vendor/list-tenants";
import { getPlatformOverview } from "@/lib/vendor/platform-overview";
import { setTenantStatus } from "@/lib/vendor/set-tenant-status";
import { activeSupportGrant, consumeSupportHandoff, getSupportActor, grantSupportAccess, listSupportGrants, revokeSupportAccess } from "@/lib/vendor/support-access";
import { getTenantDetail } from "@/lib/vendor/tenant-detail";
import { caught } from "../../support/db";
import { createAttachment, createCategory, createReport, createStaff, createTenant, createUser, type Tenant } from "../../support/factories";

afterAll(closeDb);

async function vendor(role: VendorRole, mfa = true): Promise<{ actor: VendorActor }> {
  const user = await createUser({ name: `Vendor ${role}` });
  const db = await getSystemDb();
  await db.insert(vendorStaff).values({ userId: user.id, role });
  return { actor: { kind: "vendor", userId: user.id, name: user.name!, email: user.email, role, mfa } };
}

async function staffCtx(tenant: Tenant, role: "admin" | "supervisor" | "operator" = "admin"): Promise<Ctx> {
  const { user, membership } = await createStaff(tenant, role);
  return { tenant, actor: { kind: "staff", userId: user.id, name: "S", email: user.email, role: membership.role, title: null, officeIds: [], organisationId: null } };
}

describe("vendor console access", () => {
  it("refuses anonymous users, tenant staff, and vendor staff without the second factor", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant);
    expect(await caught(() => listTenants({ ctx: { actor: null }, input: {} }))).toBeInstanceOf(UnauthenticatedError);
    expect(await caught(() => listTenants({ ctx: { actor: admin.actor }, input: {} }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => getPlatformOverview({ ctx: { actor: { kind: "anonymous" } } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => setTenantStatus({ ctx: { actor: admin.actor }, input: { tenantId: tenant.id, action: "suspend", reason: "prova di accesso" } }))).toBeInstanceOf(ForbiddenError);
    const noMfa = await vendor("owner", false);
    expect(await caught(() => listTenants({ ctx: noMfa, input: {} }))).toBeInstanceOf(ForbiddenError);
    expect((await getSupportActor(tenant.id, "forged.value.sig"))).toBeNull();
  });

  it("gives each vendor role only its permissions", async () => {
    const tenant = await createTenant({ status: "trialing", trialEndsAt: new Date(Date.now() + 86400_000) });
    const support = await vendor("support");
    const billing = await vendor("billing");
    expect(await caught(() => extendTrial({ ctx: support, input: { tenantId: tenant.id, days: 10, reason: "richiesta del comune" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => setTenantStatus({ ctx: billing, input: { tenantId: tenant.id, action: "suspend", reason: "prova ruoli" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => grantSupportAccess({ ctx: billing, input: { tenantId: tenant.id, reason: "non dovrei" } }))).toBeInstanceOf(ForbiddenError);
    const detail = await getTenantDetail({ ctx: support, tenantId: tenant.id });
    expect(detail.canSeeBilling).toBe(false);
    expect(detail.account).toBeNull();
  });
});

describe("vendor actions", () => {
  it("lists comuni with usage and filters them", async () => {
    const { actor } = await vendor("owner");
    const tenant = await createTenant({ region: "Molise", plan: "s", status: "active" });
    await createStaff(tenant, "operator");
    await createReport(tenant, { categoryId: (await createCategory(tenant)).id });
    const rows = await listTenants({ ctx: { actor }, input: { q: tenant.slug } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: tenant.id, staffCount: 1, reportsThisMonth: 1, plan: "s", mrrCents: 4900 });
    expect(await listTenants({ ctx: { actor }, input: { q: tenant.slug, status: "suspended" } })).toEqual([]);
    expect((await listTenants({ ctx: { actor }, input: { region: "Molise", plan: "s" } })).map((r) => r.id)).toContain(tenant.id);
  });

  it("suspends and reactivates with a reason, audited for the platform and the comune", async () => {
    const { actor } = await vendor("owner");
    const tenant = await createTenant({ status: "active" });
    const other = await createTenant();
    expect(await caught(() => setTenantStatus({ ctx: { actor }, input: { tenantId: tenant.id, action: "suspend", reason: "" } }))).toBeInstanceOf(ValidationError);
    await setTenantStatus({ ctx: { actor }, input: { tenantId: tenant.id, action: "suspend", reason: "mancato pagamento fuori Stripe" } });
    const db = await getSystemDb();
    const [t] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(t).toMatchObject({ status: "suspended", statusReason: "vendor:mancato pagamento fuori Stripe" });
    // Suspended → the back office is read-only except billing.
    const admin = await staffCtx(t!);
    expect(await caught(() => updateBranding({ ctx: admin, input: { primaryColor: "#003366" } }))).toBeInstanceOf(SuspendedError);
    await updateInvoicingData({ ctx: admin, input: { enteName: "Comune", partitaIva: "00743110157", codiceUnivoco: "ABC123", pec: "a@pec.it", billingAddress: "Via Roma 1" } });
    // A paying subscription: back to active.
    await db.update(billingAccounts).set({ stripeSubscriptionId: "sub_vendor_test", subscriptionStatus: "active" }).where(eq(billingAccounts.tenantId, tenant.id));
    const { status } = await setTenantStatus({ ctx: { actor }, input: { tenantId: tenant.id, action: "reactivate", reason: "pagamento ricevuto" } });
    expect(status).toBe("active");
    const platform = await db.select().from(platformAuditEvents).where(eq(platformAuditEvents.targetTenantId, tenant.id));
    expect(platform.map((p) => p.action).sort()).toEqual(["vendor.tenant_reactivated", "vendor.tenant_suspended"]);
    const local = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.actorKind, "vendor")));
    expect(local).toHaveLength(2);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.tenantId, other.id))).toEqual([]);
    expect(await caught(() => setTenantStatus({ ctx: { actor }, input: { tenantId: "00000000-0000-4000-8000-000000000000", action: "suspend", reason: "comune inesistente" } }))).toBeInstanceOf(NotFoundError);
  });

  it("extends a trial and changes the plan", async () => {
    const { actor } = await vendor("billing");
    const ends = new Date(Date.now() + 3 * 86400_000);
    const tenant = await createTenant({ status: "trialing", trialEndsAt: ends });
    const { trialEndsAt } = await extendTrial({ ctx: { actor }, input: { tenantId: tenant.id, days: 14, reason: "consiglio comunale a fine mese" } });
    expect(Math.round((trialEndsAt.getTime() - ends.getTime()) / 86400_000)).toBe(14);
    await changePlan({ ctx: { actor }, input: { tenantId: tenant.id, plan: "l", reason: "accordo commerciale" } });
    const db = await getSystemDb();
    const [t] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(t!.plan).toBe("l");
    const active = await createTenant({ status: "active" });
    expect(await caught(() => extendTrial({ ctx: { actor }, input: { tenantId: active.id, days: 5, reason: "non in prova" } }))).toBeInstanceOf(ValidationError);
  });

  it("adds a custom domain, refusing platform hosts and domains already used", async () => {
    const { actor } = await vendor("support");
    const tenant = await createTenant();
    const host = `segnalazioni.comune.${tenant.slug}.example.it`;
    await addCustomDomain({ ctx: { actor }, input: { tenantId: tenant.id, host: host.toUpperCase() } });
    const db = await getSystemDb();
    expect(await db.select().from(tenantDomains).where(eq(tenantDomains.host, host))).toHaveLength(1);
    const other = await createTenant();
    expect(await caught(() => addCustomDomain({ ctx: { actor }, input: { tenantId: other.id, host } }))).toBeInstanceOf(ConflictError);
    for (const bad of ["localhost", "fossano.localhost", "admin.localhost:3000", "10.0.0.1", "not a host"]) {
      expect(await caught(() => addCustomDomain({ ctx: { actor }, input: { tenantId: other.id, host: bad } }))).toBeInstanceOf(ValidationError);
    }
  });

  it("support access: granted with a reason, audited, single-use hand-off, expires with the grant", async () => {
    const { actor } = await vendor("support");
    const tenant = await createTenant();
    const other = await createTenant();
    const grant = await grantSupportAccess({ ctx: { actor }, input: { tenantId: tenant.id, reason: "il comune chiede aiuto con le categorie", minutes: 30 } });
    const url = new URL(grant.url);
    expect(url.host).toBe(`${tenant.slug}.localhost:3000`);
    const token = url.searchParams.get("token")!;
    expect(await consumeSupportHandoff(other.id, grant.grantId, token)).toBeNull();
    const session = await consumeSupportHandoff(tenant.id, grant.grantId, token);
    expect(session).not.toBeNull();
    expect(await consumeSupportHandoff(tenant.id, grant.grantId, token)).toBeNull();
    const supportActor = await getSupportActor(tenant.id, session!.cookie);
    expect(supportActor).toMatchObject({ kind: "staff", role: "admin", userId: actor.userId, supportGrantId: grant.grantId });
    expect(await getSupportActor(other.id, session!.cookie)).toBeNull();
    expect(await getSupportActor(tenant.id, session!.cookie.replace(/.$/, "x"))).toBeNull();
    // Every action through it is attributed to the grant.
    await updateBranding({ ctx: { tenant, actor: supportActor! }, input: { primaryColor: "#00457d" } });
    const db = await getSystemDb();
    const local = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(local.map((a) => a.action).sort()).toEqual(["support.session_started", "tenant.branding_updated", "vendor.support_access_granted"]);
    expect(local.find((a) => a.action === "tenant.branding_updated")!.data).toMatchObject({ supportGrantId: grant.grantId });
    // …and copied, in the same transaction, to the platform audit log (by a trigger app_user cannot bypass).
    const platform = await db.select().from(platformAuditEvents).where(eq(platformAuditEvents.targetTenantId, tenant.id));
    expect(platform.map((p) => p.action).sort()).toEqual([
      "support.session_started",
      "support.tenant.branding_updated",
      "vendor.support_access_granted",
    ]);
    const copied = platform.find((p) => p.action === "support.tenant.branding_updated")!;
    expect(copied).toMatchObject({ actorUserId: actor.userId, data: { supportGrantId: grant.grantId } });
    const audit = await listPlatformAudit({ ctx: { actor }, input: { action: "support", tenantId: tenant.id } });
    expect(audit.rows.map((r) => r.event.action)).toContain("support.tenant.branding_updated");
    // Expired → access gone at once, even with a valid cookie.
    await db.update(supportAccessGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(supportAccessGrants.id, grant.grantId));
    expect(await getSupportActor(tenant.id, session!.cookie)).toBeNull();
  });
});

describe("wizard branding", () => {
  it("refuses a colour white text cannot be read on, and non-image emblems; operators cannot brand", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant);
    const low = await caught(() => updateBranding({ ctx: admin, input: { primaryColor: "#ffff00" } }));
    expect((low as ValidationError).fieldErrors?.primaryColor).toEqual(["color_low_contrast"]);
    const notImage = await caught(() => updateBranding({ ctx: admin, input: { primaryColor: "#003366" }, emblem: Buffer.from("<svg onload=alert(1)>") }));
    expect((notImage as ValidationError).fieldErrors?.emblem).toEqual(["emblem_invalid"]);
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#aa0000" } }).jpeg().toBuffer();
    const { emblemUrl } = await updateBranding({ ctx: admin, input: { primaryColor: "#003366" }, emblem: png });
    expect(emblemUrl).toMatch(/^\/ufficio\/benvenuto\/emblema\/[\w-]+\.png$/);
    const operator = await staffCtx(tenant, "operator");
    expect(await caught(() => updateBranding({ ctx: operator, input: { primaryColor: "#003366" } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("console gaps", () => {
  it("money figures only for roles with billing.read: support sees no MRR, billing and owner do", async () => {
    const tenant = await createTenant({ status: "active", plan: "m" });
    const support = await vendor("support");
    const billing = await vendor("billing");
    const [supportRow] = await listTenants({ ctx: support, input: { q: tenant.slug } });
    expect(supportRow!.mrrCents).toBeNull();
    expect((await getPlatformOverview({ ctx: support })).mrrCents).toBeNull();
    const [billingRow] = await listTenants({ ctx: billing, input: { q: tenant.slug } });
    expect(billingRow!.mrrCents).toBe(14_900);
    expect((await getPlatformOverview({ ctx: billing })).mrrCents).toBeGreaterThanOrEqual(14_900);
  });

  it("a trial shows the plan of its population tier, and the plan filter finds it", async () => {
    const { actor } = await vendor("support");
    const tenant = await createTenant({ status: "trialing", plan: null, population: 30_000, region: "Basilicata" });
    const [row] = await listTenants({ ctx: { actor }, input: { q: tenant.slug } });
    expect(row!.plan).toBe("l");
    expect((await listTenants({ ctx: { actor }, input: { region: "Basilicata", plan: "l" } })).map((r) => r.id)).toContain(tenant.id);
    expect((await listTenants({ ctx: { actor }, input: { region: "Basilicata", plan: "m" } })).map((r) => r.id)).not.toContain(tenant.id);
  });

  it("reactivating a comune with no subscription and its trial over needs a new trial; the sweep then leaves it alone", async () => {
    const { actor } = await vendor("owner");
    const tenant = await createTenant({ status: "suspended", statusReason: "billing:trial_expired", trialEndsAt: new Date(Date.now() - 86400_000) });
    const refused = await caught(() => setTenantStatus({ ctx: { actor }, input: { tenantId: tenant.id, action: "reactivate", reason: "il comune chiede tempo" } }));
    expect((refused as ValidationError).code).toBe("trial_days_required");
    const db = await getSystemDb();
    expect((await db.select().from(tenants).where(eq(tenants.id, tenant.id)))[0]!.status).toBe("suspended");
    const { status } = await setTenantStatus({ ctx: { actor }, input: { tenantId: tenant.id, action: "reactivate", reason: "il comune chiede tempo", trialDays: 10 } });
    expect(status).toBe("trialing");
    const [t] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(Math.round((t!.trialEndsAt!.getTime() - Date.now()) / 86400_000)).toBe(10);
    await sweepBillingStatuses();
    expect((await db.select().from(tenants).where(eq(tenants.id, tenant.id)))[0]!.status).toBe("trialing");
    // When the new trial ends without a subscription, the sweep suspends it again: never free service.
    await db.update(tenants).set({ trialEndsAt: new Date(Date.now() - 1000) }).where(eq(tenants.id, tenant.id));
    await sweepBillingStatuses();
    expect((await db.select().from(tenants).where(eq(tenants.id, tenant.id)))[0]!.status).toBe("suspended");
  });

  it("removes a custom domain, audited; another comune's domain is not found; billing staff may not", async () => {
    const support = await vendor("support");
    const billing = await vendor("billing");
    const tenant = await createTenant();
    const other = await createTenant();
    const host = `segnalazioni.comune.${tenant.slug}.example.it`;
    await addCustomDomain({ ctx: support, input: { tenantId: tenant.id, host } });
    expect(await caught(() => removeCustomDomain({ ctx: support, input: { tenantId: other.id, host, reason: "dominio dismesso" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => removeCustomDomain({ ctx: billing, input: { tenantId: tenant.id, host, reason: "dominio dismesso" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => removeCustomDomain({ ctx: support, input: { tenantId: tenant.id, host, reason: "" } }))).toBeInstanceOf(ValidationError);
    await removeCustomDomain({ ctx: support, input: { tenantId: tenant.id, host: host.toUpperCase(), reason: "dominio dismesso dal comune" } });
    const db = await getSystemDb();
    expect(await db.select().from(tenantDomains).where(eq(tenantDomains.host, host))).toEqual([]);
    expect(await tenantForHost(host)).toBeNull();
    const audit = await db.select().from(platformAuditEvents).where(and(eq(platformAuditEvents.targetTenantId, tenant.id), eq(platformAuditEvents.action, "vendor.domain_removed")));
    expect(audit[0]!.data).toMatchObject({ host, reason: "dominio dismesso dal comune" });
    const local = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "vendor.domain_removed")));
    expect(local).toHaveLength(1);
    expect(await caught(() => removeCustomDomain({ ctx: support, input: { tenantId: tenant.id, host, reason: "di nuovo" } }))).toBeInstanceOf(NotFoundError);
  });

  it("support access: the comune's staff see it while active, its admins list past and active grants, the console revokes it", async () => {
    const support = await vendor("support");
    const tenant = await createTenant();
    const other = await createTenant();
    const grant = await grantSupportAccess({ ctx: support, input: { tenantId: tenant.id, reason: "verifica delle categorie", minutes: 30 } });
    const active = await activeSupportGrant(tenant.id);
    expect(active).toMatchObject({ id: grant.grantId, reason: "verifica delle categorie", vendorName: "Vendor support" });
    expect(await activeSupportGrant(other.id)).toBeNull();
    const supervisor = await staffCtx(tenant, "supervisor");
    expect((await listSupportGrants({ ctx: supervisor })).map((g) => [g.id, g.state])).toEqual([[grant.grantId, "active"]]);
    const operator = await staffCtx(tenant, "operator");
    expect(await caught(() => listSupportGrants({ ctx: operator }))).toBeInstanceOf(ForbiddenError);
    expect(await listSupportGrants({ ctx: await staffCtx(other) })).toEqual([]);
    // Revoke: other comune → not found; billing role → forbidden; then revoked and gone from the banner.
    const billing = await vendor("billing");
    expect(await caught(() => revokeSupportAccess({ ctx: support, input: { tenantId: other.id, grantId: grant.grantId } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => revokeSupportAccess({ ctx: billing, input: { tenantId: tenant.id, grantId: grant.grantId } }))).toBeInstanceOf(ForbiddenError);
    await revokeSupportAccess({ ctx: support, input: { tenantId: tenant.id, grantId: grant.grantId } });
    expect(await activeSupportGrant(tenant.id)).toBeNull();
    expect((await listSupportGrants({ ctx: supervisor }))[0]!.state).toBe("revoked");
    const db = await getSystemDb();
    const local = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "vendor.support_access_revoked")));
    expect(local).toHaveLength(1);
  });
});

describe("platform audit and usage", () => {
  it("filters the platform audit by comune, action, actor and dates, one page at a time", async () => {
    const owner = await vendor("owner");
    const support = await vendor("support");
    const tenant = await createTenant({ status: "active" });
    await setTenantStatus({ ctx: owner, input: { tenantId: tenant.id, action: "suspend", reason: "verifica del registro" } });
    await addCustomDomain({ ctx: support, input: { tenantId: tenant.id, host: `s.${tenant.slug}.example.it` } });
    const db = await getSystemDb();
    await db.insert(platformAuditEvents).values(
      Array.from({ length: 55 }, (_, i) => ({ actorUserId: owner.actor.userId, action: "vendor.trial_extended", targetTenantId: tenant.id, data: { i }, createdAt: new Date(Date.now() - (i + 1) * 60_000) })),
    );
    const all = await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id } });
    expect(all.rows).toHaveLength(50);
    expect(all.hasNext).toBe(true);
    const second = await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id, page: 2 } });
    expect(second.rows).toHaveLength(7);
    expect(second.hasNext).toBe(false);
    const byAction = await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id, action: "vendor.domain_added" } });
    expect(byAction.rows.map((r) => r.event.action)).toEqual(["vendor.domain_added"]);
    const byActor = await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id, actorUserId: support.actor.userId } });
    expect(byActor.rows.map((r) => r.actorEmail)).toEqual([support.actor.email]);
    const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    expect((await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id, from: tomorrow } })).rows).toEqual([]);
    expect((await listPlatformAudit({ ctx: support, input: { tenantId: tenant.id, to: tomorrow, action: "vendor" } })).rows).toHaveLength(50);
    expect(await caught(() => listPlatformAudit({ ctx: support, input: { from: "ieri" } }))).toBeInstanceOf(ValidationError);
    const admin = await staffCtx(tenant);
    expect(await caught(() => listPlatformAudit({ ctx: { actor: admin.actor } }))).toBeInstanceOf(ForbiddenError);
  });

  it("usage over time: reports per month, staff accounts and storage of the files stored", async () => {
    const { actor } = await vendor("support");
    const tenant = await createTenant();
    await createStaff(tenant, "operator");
    const { report } = await createReport(tenant, { categoryId: (await createCategory(tenant)).id });
    await createAttachment(tenant, { reportId: report.id, sizeBytes: 2 * 1_048_576 });
    const { usage } = await getTenantDetail({ ctx: { actor }, tenantId: tenant.id });
    expect(usage).toHaveLength(12);
    expect(usage.at(-1)).toMatchObject({ reports: 1, staff: 1, storageBytes: 2 * 1_048_576 });
    expect(usage[0]).toMatchObject({ reports: 0, staff: 0, storageBytes: 0 });
  });
});
