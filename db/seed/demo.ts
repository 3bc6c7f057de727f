import { randomUUID } from "node:crypto";
import { eq, inArray, or } from "drizzle-orm";
import type { Polygon } from "@/lib/geo/polygon";
import { bboxOf } from "@/lib/geo/polygon";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/logger";
import type { Tx } from "../client";
import type { Engine } from "../engine";
import {
  categories,
  membershipOffices,
  memberships,
  offices,
  organisations,
  reportCounters,
  reportEvents,
  reportRatings,
  reports,
  reportSupports,
  tenantDomains,
  tenants,
  users,
  type Role,
} from "../schema";
import { BASE_OFFICES, CATEGORY_TREE, OFFICES, ORGANISATIONS, type OrganisationKey } from "./data/catalogue";
import { DEMO_COMUNI, type DemoComune } from "./data/comuni";
import { STREETS } from "./data/texts";
import { generateReports, hashSeed, mulberry32, type Actor, type GeneratorLeaf } from "./generate-reports";

/** The one password of every demo staff account (documented in the README and printed by `npm run db:seed`). */
export const DEMO_PASSWORD = "piazza-demo-2026";

export type DemoLogin = { comune: string; email: string; password: string; role: Role; name: string; office: string };

export const DEMO_LOGINS: DemoLogin[] = DEMO_COMUNI.flatMap((comune) =>
  comune.staff.map((s) => ({
    comune: comune.slug,
    email: `${s.local}@${comune.slug}.demo`,
    password: DEMO_PASSWORD,
    role: s.role,
    name: s.name,
    office: s.organisation
      ? (ORGANISATIONS[comune.slug]?.[s.organisation].name ?? "")
      : (s.offices ?? []).map((o) => OFFICES[o].name).join(", "),
  })),
);

export type SeedDemoOptions = {
  /** Reports per comune: one number for all, or by slug; defaults to each comune's own count. */
  reports?: number | Partial<Record<string, number>>;
  /** The "today" of the demo timelines; with a fixed value and seed two runs produce the same reports. */
  now?: Date;
  seed?: number;
};

export type DemoTenantSummary = { slug: string; name: string; created: boolean; note?: string; reports: number; events: number };
export type DemoSummary = { tenants: DemoTenantSummary[]; logins: DemoLogin[] };

/** First start of the embedded database: seeds the demo comuni only when there is no tenant at all. */
export async function seedDemoIfEmpty(db: Engine["db"]): Promise<void> {
  const [any] = await db.select({ id: tenants.id }).from(tenants).limit(1);
  if (any) return;
  const started = Date.now();
  const summary = await seedDemo(db);
  await (await import("./vendor")).seedVendorStaff(db);
  logger.info("comuni dimostrativi creati", {
    comuni: summary.tenants.map((t) => t.slug),
    ms: Date.now() - started,
    password: DEMO_PASSWORD,
  });
}

/**
 * Creates the demo comuni with offices, organisations, categories, staff and a few hundred reports each, one
 * transaction per comune. Idempotent per comune: one whose slug or ISTAT code already exists is skipped.
 */
export async function seedDemo(db: Engine["db"], opts: SeedDemoOptions = {}): Promise<DemoSummary> {
  const now = opts.now ?? new Date();
  let passwordHash: string | undefined;
  const summary: DemoTenantSummary[] = [];
  for (const comune of DEMO_COMUNI) {
    const [existing] = await db
      .select({ slug: tenants.slug })
      .from(tenants)
      .where(or(eq(tenants.slug, comune.slug), eq(tenants.istatCode, comune.istatCode)))
      .limit(1);
    if (existing) {
      const note = existing.slug === comune.slug ? "esiste già" : `codice ISTAT già usato da «${existing.slug}»`;
      summary.push({ slug: comune.slug, name: comune.name, created: false, note, reports: 0, events: 0 });
      continue;
    }
    // scrypt is deliberately slow: hash once and share it among all the demo accounts.
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const count = typeof opts.reports === "number" ? opts.reports : (opts.reports?.[comune.slug] ?? comune.reports);
    const seed = hashSeed(`${comune.slug}:${opts.seed ?? 2026}`);
    const hash = passwordHash;
    const result = await db.transaction((tx) => seedComune(tx, comune, { now, count, seed, passwordHash: hash }));
    summary.push({ slug: comune.slug, name: comune.name, created: true, ...result });
  }
  return { tenants: summary, logins: DEMO_LOGINS };
}

type ComuneOptions = { now: Date; count: number; seed: number; passwordHash: string };

async function seedComune(tx: Tx, comune: DemoComune, opts: ComuneOptions) {
  const boundary: Polygon = { type: "Polygon", coordinates: [comune.boundary] };
  const box = bboxOf(boundary);
  const [tenant] = await tx
    .insert(tenants)
    .values({
      slug: comune.slug,
      name: comune.name,
      codePrefix: comune.codePrefix,
      istatCode: comune.istatCode,
      province: comune.province,
      region: comune.region,
      population: comune.population,
      centreLat: comune.centre.lat,
      centreLng: comune.centre.lng,
      boundary,
      bboxMinLat: box.minLat,
      bboxMinLng: box.minLng,
      bboxMaxLat: box.maxLat,
      bboxMaxLng: box.maxLng,
      status: "active",
      plan: comune.plan,
      primaryColor: comune.primaryColor,
      settings: {},
    })
    .returning({ id: tenants.id });
  const tenantId = tenant!.id;
  if (comune.customDomain) {
    await tx.insert(tenantDomains).values({ tenantId, host: comune.customDomain, verifiedAt: opts.now });
  }

  const officeIds = new Map([...BASE_OFFICES, ...comune.extraOffices].map((key) => [key, randomUUID()]));
  await tx.insert(offices).values(
    [...officeIds].map(([key, id]) => ({
      tenantId,
      id,
      name: OFFICES[key].name,
      email: `${OFFICES[key].mailbox}@comune.${comune.slug}.demo`,
    })),
  );
  const orgs = ORGANISATIONS[comune.slug];
  if (!orgs) throw new Error(`Organizzazioni demo mancanti per ${comune.slug}`);
  const orgIds = new Map(Object.keys(orgs).map((key) => [key as OrganisationKey, randomUUID()]));
  await tx.insert(organisations).values([...orgIds].map(([key, id]) => ({ tenantId, id, ...orgs[key] })));

  const leaves = await insertCategories(tx, tenantId, comune, officeIds, orgIds);
  const staff = await insertStaff(tx, tenantId, comune, officeIds, orgIds, opts);

  const generated = generateReports({
    tenantId,
    codePrefix: comune.codePrefix,
    boundary,
    centre: comune.centre,
    clusterSigmaKm: comune.clusterSigmaKm,
    centralRadiusKm: comune.centralRadiusKm,
    streets: STREETS[comune.slug] ?? { central: [comune.name], outer: [comune.name] },
    otherBodies: comune.otherBodies,
    leaves,
    ...staff,
    count: opts.count,
    now: opts.now,
    rand: mulberry32(opts.seed),
  });
  // Batches keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < generated.reports.length; i += 200) {
    await tx.insert(reports).values(generated.reports.slice(i, i + 200));
  }
  for (let i = 0; i < generated.events.length; i += 500) {
    await tx.insert(reportEvents).values(generated.events.slice(i, i + 500));
  }
  for (let i = 0; i < generated.supports.length; i += 1000) {
    await tx.insert(reportSupports).values(generated.supports.slice(i, i + 1000));
  }
  if (generated.ratings.length > 0) await tx.insert(reportRatings).values(generated.ratings);
  await tx.insert(reportCounters).values(generated.counters.map((c) => ({ tenantId, ...c })));
  return { reports: generated.reports.length, events: generated.events.length };
}

async function insertCategories(
  tx: Tx,
  tenantId: string,
  comune: DemoComune,
  officeIds: Map<string, string>,
  orgIds: Map<OrganisationKey, string>,
): Promise<GeneratorLeaf[]> {
  const orgs = ORGANISATIONS[comune.slug];
  const parents = CATEGORY_TREE.map((parent, i) => ({ ...parent, id: randomUUID(), sortOrder: (i + 1) * 10 }));
  await tx.insert(categories).values(
    parents.map((p) => ({ tenantId, id: p.id, code: p.key, name: p.name, nameEn: p.nameEn, sortOrder: p.sortOrder })),
  );
  const leaves: GeneratorLeaf[] = [];
  const rows = parents.flatMap((parent) =>
    parent.children.map((leaf, i) => {
      const officeKey = comune.routeOverrides[leaf.key] ?? leaf.office;
      const officeId = officeIds.get(officeKey);
      if (!officeId) throw new Error(`Ufficio ${officeKey} mancante per ${comune.slug}`);
      const organisationId = leaf.organisation ? (orgIds.get(leaf.organisation) ?? null) : null;
      const row = {
        tenantId,
        id: randomUUID(),
        parentId: parent.id,
        code: leaf.key,
        name: leaf.name,
        nameEn: leaf.nameEn,
        description: leaf.description,
        visibility: leaf.visibility ?? "public",
        reportsPrivateByDefault: leaf.privateByDefault ?? false,
        defaultOfficeId: officeId,
        defaultOrganisationId: organisationId,
        slaDays: leaf.slaDays,
        commentsEnabled: leaf.commentsEnabled ?? true,
        notice: leaf.notice ?? null,
        noticeBlocks: leaf.noticeBlocks ?? false,
        extraQuestions: leaf.extraQuestions ?? [],
        sortOrder: parent.sortOrder + i + 1,
      };
      leaves.push({
        id: row.id,
        key: leaf.key,
        parentKey: parent.key,
        officeId,
        officeSignature: OFFICES[officeKey].signature,
        organisationId,
        organisationName: leaf.organisation && orgs ? orgs[leaf.organisation].name : null,
        slaDays: leaf.slaDays,
        weight: leaf.weight,
        priority: leaf.priority ?? "normal",
        internal: row.visibility === "internal",
        privateByDefault: row.reportsPrivateByDefault,
        commentsEnabled: row.commentsEnabled,
        extraQuestions: row.extraQuestions,
      });
      return row;
    }),
  );
  await tx.insert(categories).values(rows);
  return leaves;
}

/** Staff accounts are platform users (one per e-mail), so an existing one is reused rather than duplicated. */
async function insertStaff(
  tx: Tx,
  tenantId: string,
  comune: DemoComune,
  officeIds: Map<string, string>,
  orgIds: Map<OrganisationKey, string>,
  opts: ComuneOptions,
) {
  const people = comune.staff.map((s) => ({ ...s, email: `${s.local}@${comune.slug}.demo` }));
  await tx
    .insert(users)
    .values(
      people.map((p) => ({
        email: p.email,
        name: p.name,
        locale: "it",
        passwordHash: opts.passwordHash,
        emailVerified: opts.now,
      })),
    )
    .onConflictDoNothing({ target: users.email });
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, people.map((p) => p.email)));
  const userIds = new Map(rows.map((r) => [r.email, r.id]));
  const members = people.map((p) => ({ ...p, userId: userIds.get(p.email)! }));
  await tx.insert(memberships).values(
    members.map((m) => ({
      tenantId,
      userId: m.userId,
      role: m.role,
      title: m.title,
      organisationId: m.organisation ? (orgIds.get(m.organisation) ?? null) : null,
    })),
  );
  const links = members.flatMap((m) => (m.offices ?? []).map((o) => ({ tenantId, userId: m.userId, officeId: officeIds.get(o)! })));
  if (links.length > 0) await tx.insert(membershipOffices).values(links);

  const actor = (m: (typeof members)[number]): Actor => ({ userId: m.userId, name: m.name });
  const supervisor = members.find((m) => m.role === "supervisor");
  const politician = members.find((m) => m.role === "politician");
  if (!supervisor || !politician) throw new Error(`Staff demo incompleto per ${comune.slug}`);
  const operatorsByOffice = new Map<string, Actor[]>();
  for (const m of members.filter((x) => x.role === "operator")) {
    for (const o of m.offices ?? []) {
      const id = officeIds.get(o)!;
      operatorsByOffice.set(id, [...(operatorsByOffice.get(id) ?? []), actor(m)]);
    }
  }
  return {
    supervisor: actor(supervisor),
    politician: { ...actor(politician), signature: `${politician.name} — ${politician.title}` },
    operatorsByOffice,
  };
}
