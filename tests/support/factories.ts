import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import {
  apiKeys,
  attachments,
  auditEvents,
  billingAccounts,
  categories,
  emailConfirmations,
  invitations,
  invoices,
  membershipOffices,
  memberships,
  offices,
  organisations,
  outbox,
  reportCounters,
  reportEvents,
  reportFollowers,
  reportRatings,
  reports,
  reportSupports,
  responseTemplates,
  supportAccessGrants,
  tenantDomains,
  tenants,
  uploads,
  users,
  type Role,
} from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { errorChain } from "./db";

/**
 * Test data through the system handle (the tests' equivalent of onboarding and seeding). Every tenant is
 * new, with random unique identifiers, so files can run in parallel against one shared PostgreSQL database.
 */

export type Tenant = typeof tenants.$inferSelect;
export type Office = typeof offices.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type ReportEvent = typeof reportEvents.$inferSelect;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function randomSuffix(): string {
  return randomBytes(5).toString("hex");
}

/** Stands in for the sha256 of an emailed token or API key: only uniqueness matters here. */
function randomToken(): string {
  return randomBytes(32).toString("hex");
}

function randomCodePrefix(): string {
  return Array.from({ length: 3 }, () => LETTERS[randomInt(LETTERS.length)]).join("");
}

/** Six digits like a real ISTAT code; collisions are retried by createTenant. */
function randomIstatCode(): string {
  return String(randomInt(100_000, 1_000_000));
}

function isUniqueViolation(error: unknown): boolean {
  return errorChain(error).codes.includes("23505");
}

export async function createTenant(overrides: Partial<typeof tenants.$inferInsert> = {}): Promise<Tenant> {
  const db = await getSystemDb();
  // Near Fossano (CN); a small square boundary around a centre that moves a little per tenant.
  const centreLat = overrides.centreLat ?? 44.55 + randomInt(1000) / 100_000;
  const centreLng = overrides.centreLng ?? 7.72 + randomInt(1000) / 100_000;
  const d = 0.02;
  for (let attempt = 1; ; attempt++) {
    const suffix = randomSuffix();
    try {
      const [tenant] = await db
        .insert(tenants)
        .values({
          slug: `t-${suffix}`,
          name: `Comune di Prova ${suffix}`,
          codePrefix: randomCodePrefix(),
          istatCode: randomIstatCode(),
          province: "CN",
          region: "Piemonte",
          population: 24_000,
          centreLat,
          centreLng,
          boundary: {
            type: "Polygon",
            coordinates: [
              [
                [centreLng - d, centreLat - d],
                [centreLng + d, centreLat - d],
                [centreLng + d, centreLat + d],
                [centreLng - d, centreLat + d],
                [centreLng - d, centreLat - d],
              ],
            ],
          },
          bboxMinLat: centreLat - d,
          bboxMinLng: centreLng - d,
          bboxMaxLat: centreLat + d,
          bboxMaxLng: centreLng + d,
          status: "active",
          ...overrides,
        })
        .returning();
      return tenant!;
    } catch (error) {
      // A random slug or ISTAT code already taken (six digits collide now and then): draw again.
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

export async function createOffice(
  tenant: Pick<Tenant, "id">,
  overrides: Partial<typeof offices.$inferInsert> = {},
): Promise<Office> {
  const db = await getSystemDb();
  const [office] = await db
    .insert(offices)
    .values({
      tenantId: tenant.id,
      name: `Ufficio ${randomSuffix()}`,
      email: "ufficio@example.it",
      ...overrides,
    })
    .returning();
  return office!;
}

export async function createOrganisation(
  tenant: Pick<Tenant, "id">,
  overrides: Partial<typeof organisations.$inferInsert> = {},
): Promise<Organisation> {
  const db = await getSystemDb();
  const [organisation] = await db
    .insert(organisations)
    .values({ tenantId: tenant.id, name: `Impresa ${randomSuffix()}`, kind: "contractor", ...overrides })
    .returning();
  return organisation!;
}

export async function createCategory(
  tenant: Pick<Tenant, "id">,
  options: { officeId?: string | null } & Partial<typeof categories.$inferInsert> = {},
): Promise<Category> {
  const db = await getSystemDb();
  const { officeId, ...overrides } = options;
  const [category] = await db
    .insert(categories)
    .values({
      tenantId: tenant.id,
      name: `Categoria ${randomSuffix()}`,
      defaultOfficeId: officeId ?? null,
      slaDays: 10,
      ...overrides,
    })
    .returning();
  return category!;
}

export async function createUser(overrides: Partial<typeof users.$inferInsert> = {}): Promise<User> {
  const db = await getSystemDb();
  const suffix = randomSuffix();
  const [user] = await db
    .insert(users)
    .values({ name: `Utente ${suffix}`, email: `utente-${suffix}@example.it`, ...overrides })
    .returning();
  return user!;
}

/** A staff member of the comune: platform user + membership (+ the offices an operator works in). */
export async function createStaff(
  tenant: Pick<Tenant, "id">,
  role: Role,
  options: {
    officeIds?: string[];
    organisationId?: string;
    title?: string;
    user?: Partial<typeof users.$inferInsert>;
  } = {},
): Promise<{ user: User; membership: Membership }> {
  const db = await getSystemDb();
  const user = await createUser(options.user);
  const [membership] = await db
    .insert(memberships)
    .values({
      tenantId: tenant.id,
      userId: user.id,
      role,
      title: options.title ?? null,
      organisationId: options.organisationId ?? null,
    })
    .returning();
  const officeIds = options.officeIds ?? [];
  if (officeIds.length > 0) {
    await db
      .insert(membershipOffices)
      .values(officeIds.map((officeId) => ({ tenantId: tenant.id, userId: user.id, officeId })));
  }
  return { user, membership: membership! };
}

/**
 * A report with its `created` timeline event, numbered through report_counters like the real code
 * generator, so a later report created by a verb in the same tenant does not collide with its code.
 */
export async function createReport(
  tenant: Pick<Tenant, "id" | "codePrefix" | "centreLat" | "centreLng">,
  options: { categoryId: string } & Partial<typeof reports.$inferInsert>,
): Promise<{ report: Report; event: ReportEvent }> {
  const db = await getSystemDb();
  const year = new Date().getUTCFullYear();
  const [counter] = await db
    .insert(reportCounters)
    .values({ tenantId: tenant.id, year, value: 1 })
    .onConflictDoUpdate({
      target: [reportCounters.tenantId, reportCounters.year],
      set: { value: sql`${reportCounters.value} + 1` },
    })
    .returning();
  const [category] = await db
    .select({ defaultOfficeId: categories.defaultOfficeId })
    .from(categories)
    .where(and(eq(categories.tenantId, tenant.id), eq(categories.id, options.categoryId)));
  if (!category) throw new Error(`createReport: categoria ${options.categoryId} non trovata nel comune`);
  const [report] = await db
    .insert(reports)
    .values({
      tenantId: tenant.id,
      code: `${tenant.codePrefix}-${year}-${String(counter!.value).padStart(6, "0")}`,
      officeId: category.defaultOfficeId,
      description: "Buca profonda davanti al civico 12",
      lat: tenant.centreLat,
      lng: tenant.centreLng,
      address: "Via Roma 12",
      reporterName: "Mario Rossi",
      reporterEmail: "mario.rossi@example.it",
      ...options,
    })
    .returning();
  const [event] = await db
    .insert(reportEvents)
    .values({
      tenantId: tenant.id,
      reportId: report!.id,
      type: "created",
      visibility: "public",
      actorUserId: report!.reporterUserId,
      toStatus: report!.status,
    })
    .returning();
  return { report: report!, event: event! };
}

export async function createTenantDomain(tenant: Pick<Tenant, "id">, host?: string) {
  const db = await getSystemDb();
  const [domain] = await db
    .insert(tenantDomains)
    .values({ tenantId: tenant.id, host: host ?? `segnalazioni.comune-${randomSuffix()}.example.it` })
    .returning();
  return domain!;
}

export async function createAttachment(
  tenant: Pick<Tenant, "id">,
  options: { reportId: string } & Partial<typeof attachments.$inferInsert>,
) {
  const db = await getSystemDb();
  const [attachment] = await db
    .insert(attachments)
    .values({
      tenantId: tenant.id,
      kind: "photo",
      storageKey: `${tenant.id}/${randomUUID()}.jpg`,
      mimeType: "image/jpeg",
      sizeBytes: 123_456,
      width: 1600,
      height: 1200,
      ...options,
    })
    .returning();
  return attachment!;
}

export async function createAuditEvent(
  tenant: Pick<Tenant, "id">,
  overrides: Partial<typeof auditEvents.$inferInsert> = {},
) {
  const db = await getSystemDb();
  const [event] = await db
    .insert(auditEvents)
    .values({ tenantId: tenant.id, actorKind: "system", action: "test.seed", ...overrides })
    .returning();
  return event!;
}

export async function createOutboxMessage(
  tenant: Pick<Tenant, "id">,
  overrides: Partial<typeof outbox.$inferInsert> = {},
) {
  const db = await getSystemDb();
  const [message] = await db
    .insert(outbox)
    .values({ tenantId: tenant.id, kind: "email", payload: { to: "mario.rossi@example.it" }, ...overrides })
    .returning();
  return message!;
}

/**
 * A tenant with at least one row in every tenant-owned table. The tenancy tests check against the catalog
 * that nothing is missing: when a tenant table is added, add its row here.
 */
export async function createPopulatedTenant() {
  const tenant = await createTenant();
  const domain = await createTenantDomain(tenant);
  const office = await createOffice(tenant);
  const organisation = await createOrganisation(tenant);
  const category = await createCategory(tenant, {
    officeId: office.id,
    defaultOrganisationId: organisation.id,
  });
  // Rows nothing refers to, so a test can delete them without tripping a foreign key.
  const spareOffice = await createOffice(tenant);
  const spareOrganisation = await createOrganisation(tenant, { kind: "utility" });
  const spareCategory = await createCategory(tenant, { officeId: office.id });
  const operator = await createStaff(tenant, "operator", { officeIds: [office.id] });
  const external = await createStaff(tenant, "external", { organisationId: organisation.id });
  // A platform user with no membership here, for tests that need to add one.
  const outsider = await createUser();
  const { report, event } = await createReport(tenant, { categoryId: category.id });
  const attachment = await createAttachment(tenant, { reportId: report.id, eventId: event.id });
  const audit = await createAuditEvent(tenant, {
    actorUserId: operator.user.id,
    actorKind: "staff",
    targetType: "report",
    targetId: report.id,
  });
  const message = await createOutboxMessage(tenant, { dedupeKey: `receipt:${report.id}` });
  const db = await getSystemDb();
  const [counter] = await db.select().from(reportCounters).where(eq(reportCounters.tenantId, tenant.id));
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const t = { tenantId: tenant.id };
  const [follower] = await db
    .insert(reportFollowers)
    .values({
      ...t,
      reportId: report.id,
      email: "mario.rossi@example.it",
      isReporter: true,
    })
    .returning();
  const [support] = await db
    .insert(reportSupports)
    .values({ ...t, reportId: report.id, supporterKey: `user:${operator.user.id}` })
    .returning();
  const [confirmation] = await db
    .insert(emailConfirmations)
    .values({
      ...t,
      purpose: "comment",
      email: "anna.bianchi@example.it",
      reportId: report.id,
      payload: { body: "Anche davanti al civico 14" },
      tokenHash: randomToken(),
      expiresAt: inAMonth,
    })
    .returning();
  const [rating] = await db
    .insert(reportRatings)
    // closed_at is part of the key: a millisecond value, as the app writes it, so the row can be found again
    // by a JS Date (the column default now() has microseconds, which a Date cannot carry).
    .values({ ...t, reportId: report.id, score: 4, fixed: true, comment: "Grazie", closedAt: new Date() })
    .returning();
  const [template] = await db
    .insert(responseTemplates)
    .values({
      ...t,
      title: "Presa in carico",
      body: "La segnalazione è stata presa in carico.",
      status: "acknowledged",
    })
    .returning();
  const [invitation] = await db
    .insert(invitations)
    .values({
      ...t,
      email: `invitato-${randomSuffix()}@example.it`,
      role: "operator",
      officeIds: [office.id],
      invitedBy: operator.user.id,
      tokenHash: randomToken(),
      expiresAt: inAMonth,
    })
    .returning();
  const [apiKey] = await db
    .insert(apiKeys)
    .values({ ...t, name: "App cittadini", prefix: randomSuffix().slice(0, 8), keyHash: randomToken() })
    .returning();
  const [billing] = await db
    .insert(billingAccounts)
    .values({
      ...t,
      stripeCustomerId: `cus_${randomSuffix()}`,
      plan: "base",
      interval: "year",
      subscriptionStatus: "active",
      enteName: tenant.name,
      codiceUnivoco: "UFABCD",
    })
    .returning();
  const [invoice] = await db
    .insert(invoices)
    .values({
      ...t,
      id: `in_${randomSuffix()}`,
      status: "paid",
      currency: "eur",
      amountDue: 120_000,
      amountPaid: 120_000,
      createdAt: new Date(),
    })
    .returning();
  const [grant] = await db
    .insert(supportAccessGrants)
    .values({
      ...t,
      vendorUserId: outsider.id,
      reason: "Assistenza sulla configurazione",
      expiresAt: inAMonth,
    })
    .returning();
  const [upload] = await db
    .insert(uploads)
    .values({
      ...t,
      kind: "photo",
      storageKey: `${tenant.id}/uploads/${randomUUID()}.jpg`,
      mimeType: "image/jpeg",
      sizeBytes: 98_765,
      ownerKeyHash: randomToken(),
    })
    .returning();
  return {
    tenant,
    domain,
    office,
    organisation,
    category,
    spareOffice,
    spareOrganisation,
    spareCategory,
    operator,
    external,
    outsider,
    report,
    event,
    attachment,
    audit,
    message,
    counter: counter!,
    follower: follower!,
    support: support!,
    confirmation: confirmation!,
    rating: rating!,
    template: template!,
    invitation: invitation!,
    apiKey: apiKey!,
    billing: billing!,
    invoice: invoice!,
    grant: grant!,
    upload: upload!,
  };
}

export type PopulatedTenant = Awaited<ReturnType<typeof createPopulatedTenant>>;
