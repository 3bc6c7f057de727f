import { and, eq, gt, isNull, like } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  auditEvents,
  billingAccounts,
  categories,
  memberships,
  offices,
  onboardingRequests,
  platformAuditEvents,
  responseTemplates,
  tenants,
  users,
} from "@/db/schema";
// System handle: onboarding creates the tenant itself, so there is no tenant to scope to yet.
import { getSystemDb } from "@/db/system";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { hashToken } from "@/lib/security/tokens";
import { findComune } from "./comuni";
import { DEFAULT_CONFIG, type DefaultConfig } from "./default-config";
import { provisionalArea } from "./provisional-area";
import { checkSlug } from "./slug";

export type CompletedOnboarding = { tenantId: string; slug: string; email: string; alreadyCompleted: boolean };

/**
 * Confirms a sign-up and creates the comune in ONE transaction: tenant (trial), offices, two-level
 * categories routed to them, response templates, the admin user and membership, the billing account and
 * the audit rows. Any failure leaves nothing behind. Two confirmations racing for the same comune or
 * subdomain are decided by the unique indexes on tenants (istat_code, slug): the loser gets ConflictError.
 * Confirming twice (double click, reopened email) returns the comune already created.
 */
export async function completeOnboarding({ token }: { token: string }, config: DefaultConfig = DEFAULT_CONFIG): Promise<CompletedOnboarding> {
  const db = await getSystemDb();
  const tokenHash = hashToken(token);
  const [request] = await db.select().from(onboardingRequests).where(eq(onboardingRequests.tokenHash, tokenHash)).limit(1);
  if (!request) throw new NotFoundError("onboarding request");
  if (request.completedAt && request.createdTenantId) {
    return { tenantId: request.createdTenantId, slug: request.slug, email: request.email, alreadyCompleted: true };
  }
  if (request.expiresAt < new Date()) throw new NotFoundError("onboarding request");
  const comune = findComune(request.istatCode);
  if (!comune) throw new NotFoundError("comune");
  const slugCheck = await checkSlug(request.slug);
  if (!slugCheck.ok) throw new ConflictError(slugCheck.reason === "taken" ? "slug_taken" : "slug_invalid");

  try {
    return await db.transaction(async (tx) => {
      // Claim the request first: a concurrent confirmation of the same link waits here, then finds it done.
      const [claimed] = await tx
        .update(onboardingRequests)
        .set({ completedAt: new Date() })
        .where(and(eq(onboardingRequests.id, request.id), isNull(onboardingRequests.completedAt), gt(onboardingRequests.expiresAt, new Date())))
        .returning({ id: onboardingRequests.id });
      if (!claimed) throw new ConflictError("already_completed");
      const tenantId = await createTenant(tx, request, comune, config);
      await tx.update(onboardingRequests).set({ createdTenantId: tenantId }).where(eq(onboardingRequests.id, request.id));
      return { tenantId, slug: request.slug, email: request.email, alreadyCompleted: false };
    });
  } catch (error) {
    if (error instanceof ConflictError && error.code === "already_completed") {
      const [done] = await db.select().from(onboardingRequests).where(eq(onboardingRequests.id, request.id));
      if (done?.createdTenantId) return { tenantId: done.createdTenantId, slug: done.slug, email: done.email, alreadyCompleted: true };
      throw new NotFoundError("onboarding request");
    }
    const constraint = uniqueConstraint(error);
    if (constraint === "tenants_istat_code_key") throw new ConflictError("comune_taken");
    if (constraint === "tenants_slug_key") throw new ConflictError("slug_taken");
    throw error;
  }
}

type Request = typeof onboardingRequests.$inferSelect;
type Payload = { adminName: string; passwordHash: string; locale: string; termsAcceptedAt: string; ip: string | null };

async function createTenant(tx: Tx, request: Request, comune: NonNullable<ReturnType<typeof findComune>>, config: DefaultConfig): Promise<string> {
  const payload = request.payload as Payload;
  const now = new Date();
  const { boundary, bbox: box } = provisionalArea(comune);
  const [tenant] = await tx
    .insert(tenants)
    .values({
      slug: request.slug,
      name: comune.name,
      codePrefix: await uniqueCodePrefix(tx, comune.name),
      istatCode: comune.istat,
      province: comune.province,
      region: comune.region,
      population: comune.population,
      centreLat: comune.lat,
      centreLng: comune.lng,
      boundary,
      bboxMinLat: box.minLat,
      bboxMinLng: box.minLng,
      bboxMaxLat: box.maxLat,
      bboxMaxLng: box.maxLng,
      status: "trialing",
      trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 24 * 3600 * 1000),
      settings: { areaProvisional: true },
    })
    .returning({ id: tenants.id });
  const tenantId = tenant!.id;

  const officeIds = new Map<string, string>();
  for (const office of config.offices) {
    const [row] = await tx.insert(offices).values({ tenantId, name: office.name }).returning({ id: offices.id });
    officeIds.set(office.key, row!.id);
  }
  let order = 0;
  for (const parent of config.categories) {
    const [p] = await tx
      .insert(categories)
      .values({ tenantId, code: parent.code, name: parent.name, nameEn: parent.nameEn, sortOrder: order++ })
      .returning({ id: categories.id });
    for (const leaf of parent.children) {
      await tx.insert(categories).values({
        tenantId,
        parentId: p!.id,
        code: leaf.code,
        name: leaf.name,
        nameEn: leaf.nameEn,
        defaultOfficeId: officeIds.get(leaf.office) ?? null,
        slaDays: leaf.slaDays,
        notice: leaf.notice ?? null,
        noticeBlocks: Boolean(leaf.noticeBlocks),
        reportsPrivateByDefault: Boolean(leaf.private),
        sortOrder: order++,
      });
    }
  }
  if (config.templates.length > 0) {
    await tx.insert(responseTemplates).values(config.templates.map((t) => ({ tenantId, title: t.title, body: t.body, status: t.status })));
  }

  const [existing] = await tx.select().from(users).where(eq(users.email, request.email)).limit(1);
  let userId: string;
  if (existing) {
    // The email was just verified by whoever owns it; an existing password is kept, not overwritten.
    userId = existing.id;
    await tx
      .update(users)
      .set({ emailVerified: existing.emailVerified ?? now, passwordHash: existing.passwordHash ?? payload.passwordHash, name: existing.name ?? payload.adminName })
      .where(eq(users.id, existing.id));
  } else {
    const [created] = await tx
      .insert(users)
      .values({ email: request.email, name: payload.adminName, passwordHash: payload.passwordHash, emailVerified: now, locale: payload.locale })
      .returning({ id: users.id });
    userId = created!.id;
  }
  await tx.insert(memberships).values({ tenantId, userId, role: "admin" });
  await tx.insert(billingAccounts).values({ tenantId, enteName: `Comune di ${comune.name}` });
  await tx.insert(auditEvents).values({
    tenantId,
    actorUserId: userId,
    actorKind: "staff",
    action: "tenant.onboarded",
    targetType: "tenant",
    targetId: tenantId,
    data: { istat: comune.istat, slug: request.slug, termsAcceptedAt: payload.termsAcceptedAt },
    ip: payload.ip ?? null,
  });
  await tx.insert(platformAuditEvents).values({
    actorUserId: userId,
    action: "tenant.onboarded",
    targetTenantId: tenantId,
    data: { istat: comune.istat, slug: request.slug, email: request.email },
    ip: payload.ip ?? null,
  });
  return tenantId;
}

/** FOS, then FOS2…FOS9, then FOA…: short, derived from the name, not used by another comune. */
async function uniqueCodePrefix(tx: Tx, name: string): Promise<string> {
  const letters = name
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toUpperCase();
  const base = (letters + "XXX").slice(0, 3);
  const used = new Set(
    (await tx.select({ p: tenants.codePrefix }).from(tenants).where(like(tenants.codePrefix, `${base.slice(0, 2)}%`))).map((r) => r.p),
  );
  const candidates = [base, ...Array.from({ length: 8 }, (_, i) => `${base}${i + 2}`), ...[..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c) => `${base.slice(0, 2)}${c}`)];
  return candidates.find((c) => !used.has(c)) ?? `${base}${Date.now() % 1000}`;
}

function uniqueConstraint(error: unknown): string | null {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    const { code, constraint_name, constraint } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === "23505") return constraint_name ?? constraint ?? "unique";
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
