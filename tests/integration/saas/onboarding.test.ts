import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import {
  auditEvents,
  billingAccounts,
  categories,
  devMailbox,
  memberships,
  offices,
  onboardingRequests,
  platformAuditEvents,
  responseTemplates,
  tenants,
  users,
} from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { completeOnboarding } from "@/lib/onboarding/complete-onboarding";
import { distanceMetres, pointInPolygon } from "@/lib/geo/polygon";
import { comuniCount, findComune, searchComuni } from "@/lib/onboarding/comuni";
import { DEFAULT_CONFIG, type DefaultConfig } from "@/lib/onboarding/default-config";
import { checkSlug } from "@/lib/onboarding/slug";
import { startOnboarding, type StartOnboardingInput } from "@/lib/onboarding/start-onboarding";
import { createReport } from "@/lib/reports/create-report";
import { caught } from "../../support/db";

afterAll(closeDb);

const suffix = () => randomBytes(4).toString("hex");

/** A comune no other test (or the demo seed) uses, drawn from the real ISTAT list. */
async function freeComune(): Promise<string> {
  const db = await getSystemDb();
  for (;;) {
    const pick = searchComuni(["san", "monte", "castel", "villa", "borgo", "santa"][Math.floor(Math.random() * 6)]!, 500);
    const c = pick[Math.floor(Math.random() * pick.length)]!;
    const [taken] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.istatCode, c.istat));
    const [pending] = await db.select({ id: onboardingRequests.id }).from(onboardingRequests).where(eq(onboardingRequests.istatCode, c.istat));
    if (!taken && !pending) return c.istat;
  }
}

function input(istatCode: string, overrides: Partial<StartOnboardingInput> = {}): StartOnboardingInput {
  const s = suffix();
  return {
    istatCode,
    slug: `comune-${s}`,
    adminName: "Maria Rossi",
    email: `maria.${s}@comune.example.it`,
    password: "una-password-lunga",
    acceptTerms: true,
    ...overrides,
  };
}

/** The token from the confirmation email in the dev mailbox (what the person clicks). */
async function tokenFromMailbox(email: string): Promise<string> {
  const db = await getSystemDb();
  const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.to, email));
  expect(mail, `no email to ${email}`).toBeTruthy();
  const match = mail!.text.match(/attiva\/conferma\?token=([\w-]+)/);
  expect(match).toBeTruthy();
  return match![1]!;
}

async function signUp(overrides: Partial<StartOnboardingInput> = {}) {
  const data = input(await freeComune(), overrides);
  await startOnboarding({ input: data, ip: null });
  return { data, token: await tokenFromMailbox(data.email!) };
}

describe("comuni list", () => {
  it("ships the whole ISTAT list with province, region, population and a centre", () => {
    const fossano = findComune("004089");
    expect(fossano).toMatchObject({ name: "Fossano", province: "CN", region: "Piemonte" });
    expect(fossano!.population).toBeGreaterThan(20_000);
    expect(fossano!.lat).toBeGreaterThan(44);
    expect(searchComuni("reggio nell")[0]?.name).toBe("Reggio nell'Emilia");
    expect(searchComuni("forli")[0]?.name).toBe("Forlì");
  });

  it("centres each comune on its own seat, not on its province capital", () => {
    // Fossano's town hall, and Bra (same province, 25 km away) is not centred on Cuneo either.
    expect(distanceMetres(findComune("004089")!, { lat: 44.5505, lng: 7.7256 })).toBeLessThan(2_000);
    expect(distanceMetres(findComune("004029")!, { lat: 44.6979, lng: 7.8553 })).toBeLessThan(2_000);
    expect(distanceMetres(findComune("004029")!, findComune("004078")!)).toBeGreaterThan(30_000);
    const rows = (JSON.parse(readFileSync("data/comuni.json", "utf8")) as { rows: string[][] }).rows;
    expect(rows).toHaveLength(comuniCount());
    const all = rows.map((r) => findComune(r[0]!)!);
    expect(new Set(all.map((c) => `${c.lat},${c.lng}`)).size).toBeGreaterThan(comuniCount() * 0.99);
    // Only comuni with no seat in the sources are approximate, and they say so.
    expect(all.filter((c) => c.centreApprox).length).toBeLessThan(10);
    expect(findComune("081025")).toMatchObject({ name: "Misiliscemi", centreApprox: true, population: null });
  });

  it("follows recent mergers: the new comune sums its predecessors and the old ones are gone", () => {
    expect(findComune("025075")).toMatchObject({ name: "Setteville", province: "BL", centreApprox: false });
    expect(findComune("025075")!.population).toBeGreaterThan(5_000);
    expect(findComune("025002")).toBeNull(); // Alano di Piave, merged into Setteville
    expect(findComune("099030")).toMatchObject({ name: "Montecopiolo", province: "RN" });
  });
});

describe("startOnboarding", () => {
  it("stores the request with a hashed token and a hashed password, and emails the confirmation link", async () => {
    const { data, token } = await signUp();
    const db = await getSystemDb();
    const [request] = await db.select().from(onboardingRequests).where(eq(onboardingRequests.email, data.email!));
    expect(request!.tokenHash).not.toContain(token);
    expect(JSON.stringify(request!.payload)).not.toContain(data.password);
    const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.to, data.email!));
    expect(mail!.subject).toContain(findComune(data.istatCode!)!.name);
  });

  it("refuses reserved, malformed and taken subdomains, and bad input", async () => {
    const istat = await freeComune();
    for (const [slug, reason] of [
      ["admin", "slug_reserved"],
      ["www", "slug_reserved"],
      ["Bad_Slug!", "slug_invalid"],
      ["-x", "slug_invalid"],
    ] as const) {
      const error = await caught(() => startOnboarding({ input: input(istat, { slug }), ip: null }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors?.slug).toEqual([reason]);
    }
    const missingTerms = await caught(() => startOnboarding({ input: { ...input(istat), acceptTerms: false as never }, ip: null }));
    expect((missingTerms as ValidationError).fieldErrors?.acceptTerms).toEqual(["terms_required"]);
    const shortPassword = await caught(() => startOnboarding({ input: input(istat, { password: "corta" }), ip: null }));
    expect((shortPassword as ValidationError).fieldErrors?.password).toEqual(["password_too_short"]);
    const unknownComune = await caught(() => startOnboarding({ input: input("999999"), ip: null }));
    expect((unknownComune as ValidationError).fieldErrors?.istatCode).toEqual(["comune_required"]);
  });
});

describe("completeOnboarding", () => {
  it("creates a complete comune in trial, with admin, configuration, billing account and audit", async () => {
    const { data, token } = await signUp();
    const done = await completeOnboarding({ token });
    expect(done).toMatchObject({ slug: data.slug, email: data.email, alreadyCompleted: false });
    const db = await getSystemDb();
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, done.tenantId));
    const comune = findComune(data.istatCode!)!;
    expect(tenant).toMatchObject({ name: comune.name, istatCode: comune.istat, province: comune.province, status: "trialing" });
    const trialDays = (tenant!.trialEndsAt!.getTime() - Date.now()) / 86_400_000;
    expect(trialDays).toBeGreaterThan(29.9);
    expect(trialDays).toBeLessThanOrEqual(30);
    const officeCount = await db.select({ n: count() }).from(offices).where(eq(offices.tenantId, done.tenantId));
    expect(officeCount[0]!.n).toBe(DEFAULT_CONFIG.offices.length);
    const cats = await db.select().from(categories).where(eq(categories.tenantId, done.tenantId));
    const leaves = cats.filter((c) => c.parentId);
    expect(cats.filter((c) => !c.parentId)).toHaveLength(DEFAULT_CONFIG.categories.length);
    expect(leaves.length).toBe(DEFAULT_CONFIG.categories.flatMap((c) => c.children).length);
    expect(leaves.every((c) => c.defaultOfficeId && c.slaDays)).toBe(true);
    const templates = await db.select({ n: count() }).from(responseTemplates).where(eq(responseTemplates.tenantId, done.tenantId));
    expect(templates[0]!.n).toBe(DEFAULT_CONFIG.templates.length);
    const [user] = await db.select().from(users).where(eq(users.email, data.email!));
    expect(user!.emailVerified).toBeTruthy();
    const [membership] = await db.select().from(memberships).where(eq(memberships.tenantId, done.tenantId));
    expect(membership).toMatchObject({ userId: user!.id, role: "admin" });
    const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, done.tenantId));
    expect(account!.enteName).toBe(`Comune di ${comune.name}`);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, done.tenantId), eq(auditEvents.action, "tenant.onboarded")));
    expect(audit).toHaveLength(1);
    const platform = await db.select().from(platformAuditEvents).where(eq(platformAuditEvents.targetTenantId, done.tenantId));
    expect(platform.map((p) => p.action)).toEqual(["tenant.onboarded"]);
    // Confirming again (double click) returns the same comune, creating nothing.
    expect(await completeOnboarding({ token })).toMatchObject({ tenantId: done.tenantId, alreadyCompleted: true });
    // The comune is now taken: a new sign-up for it is refused at the first step.
    expect(await caught(() => startOnboarding({ input: input(data.istatCode!), ip: null }))).toBeInstanceOf(ConflictError);
    expect(await checkSlug(data.slug!)).toEqual({ ok: false, reason: "taken" });
  });

  it("leaves nothing behind when a step fails midway (a category violating a constraint)", async () => {
    const { data, token } = await signUp();
    const broken: DefaultConfig = structuredClone(DEFAULT_CONFIG);
    broken.categories[2]!.children[1]!.slaDays = 9999; // categories_sla_check
    const error = await caught(() => completeOnboarding({ token }, broken));
    expect(error).not.toBeInstanceOf(ConflictError);
    const db = await getSystemDb();
    expect(await db.select().from(tenants).where(eq(tenants.slug, data.slug!))).toEqual([]);
    expect(await db.select().from(users).where(eq(users.email, data.email!))).toEqual([]);
    const [request] = await db.select().from(onboardingRequests).where(eq(onboardingRequests.email, data.email!));
    expect(request!.completedAt).toBeNull();
    expect(request!.createdTenantId).toBeNull();
    // The same link works once the problem is gone.
    const done = await completeOnboarding({ token });
    expect(await db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, done.tenantId))).toEqual([{ n: 1 }]);
  });

  it("lets only one of two simultaneous confirmations take the same comune", async () => {
    const istat = await freeComune();
    const a = input(istat);
    const b = input(istat);
    await startOnboarding({ input: a, ip: null });
    await startOnboarding({ input: b, ip: null });
    const tokens = [await tokenFromMailbox(a.email!), await tokenFromMailbox(b.email!)];
    const results = await Promise.allSettled(tokens.map((token) => completeOnboarding({ token })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(ConflictError);
    expect((failed[0]!.reason as ConflictError).code).toBe("comune_taken");
    const db = await getSystemDb();
    expect(await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.istatCode, istat))).toHaveLength(1);
    const loser = [a, b][results.indexOf(failed[0]!)]!;
    expect(await db.select().from(users).where(eq(users.email, loser.email!))).toEqual([]);
  });

  it("lets only one of two simultaneous confirmations take the same subdomain", async () => {
    const slug = `gara-${suffix()}`;
    const a = input(await freeComune(), { slug });
    const b = input(await freeComune(), { slug });
    await startOnboarding({ input: a, ip: null });
    await startOnboarding({ input: b, ip: null });
    const tokens = [await tokenFromMailbox(a.email!), await tokenFromMailbox(b.email!)];
    const results = await Promise.allSettled(tokens.map((token) => completeOnboarding({ token })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect((failed.reason as ConflictError).code).toBe("slug_taken");
    const db = await getSystemDb();
    expect(await db.select().from(tenants).where(inArray(tenants.slug, [slug]))).toHaveLength(1);
  });

  it("refuses unknown and expired tokens", async () => {
    expect(await caught(() => completeOnboarding({ token: "nope" }))).toBeInstanceOf(NotFoundError);
    const { data, token } = await signUp();
    const db = await getSystemDb();
    await db.update(onboardingRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(onboardingRequests.email, data.email!));
    expect(await caught(() => completeOnboarding({ token }))).toBeInstanceOf(NotFoundError);
  });
});

describe("provisional area of a new comune", () => {
  it("is a circle around the seat sized by population, flagged provisional, and keeps reports inside it", async () => {
    const { data, token } = await signUp();
    const done = await completeOnboarding({ token });
    const db = await getSystemDb();
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, done.tenantId));
    const comune = findComune(data.istatCode!)!;
    expect(tenant!.settings).toMatchObject({ areaProvisional: true });
    expect(tenant!.boundary?.type).toBe("Polygon");
    expect(pointInPolygon(comune.lng, comune.lat, tenant!.boundary!)).toBe(true);
    expect(tenant!.bboxMaxLat! - tenant!.bboxMinLat!).toBeGreaterThan(0.1); // at least 6 km each way
    expect(tenant!.bboxMaxLat! - tenant!.bboxMinLat!).toBeLessThan(0.75); // at most 40 km each way

    const [leaf] = await db
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, done.tenantId), eq(categories.noticeBlocks, false), eq(categories.visibility, "public")))
      .limit(20)
      .then((rows) => rows.filter((c) => c.parentId));
    const report = (lat: number, lng: number) =>
      createReport({
        ctx: { tenant: tenant!, actor: { kind: "anonymous" } },
        input: {
          categoryId: leaf!.id,
          lat,
          lng,
          description: "Lampione spento da una settimana in piazza",
          reporterEmail: `cittadino.${suffix()}@example.it`,
          privacyConsent: true,
        },
      });
    const inTown = await report(comune.lat + 0.001, comune.lng + 0.001);
    expect(inTown.code).toMatch(/-\d{6}$/);
    const abroad = await caught(() => report(48.8566, 2.3522));
    expect((abroad as ValidationError).fieldErrors).toEqual({ position: ["outside_area"] });
  });
});
