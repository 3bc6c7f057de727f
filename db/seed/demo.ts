import { eq, or } from "drizzle-orm";
import { bboxOf, type Polygon } from "@/lib/geo/polygon";
import { API_KEY_PREFIX } from "@/lib/api-keys/create-api-key";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/security/tokens";
import { logger } from "@/lib/logger";
import type { Tx } from "../client";
import type { Engine } from "../engine";
import {
  apiKeys,
  reportCounters,
  reportEvents,
  reportRatings,
  reports,
  reportSupports,
  tenantDomains,
  tenants,
  type Role,
} from "../schema";
import { OFFICES, ORGANISATIONS } from "./data/catalogue";
import { DEMO_COMUNI, type DemoComune } from "./data/comuni";
import { STREETS } from "./data/texts";
import { generateReports } from "./generate-reports";
import { insertSetup } from "./insert-setup";
import { hashSeed, mulberry32 } from "./random";

/** The one password of every demo staff account (printed by `npm run db:seed`). */
export const DEMO_PASSWORD = "piazza-demo-2026";

/**
 * A known Open311 API key per demo comune (printed by `npm run db:seed`, listed in docs/DEMO.md), so that
 * independent GeoReport v2 clients can POST against a demo comune. Only demo comuni get one; real keys are
 * created by the comune's admin and shown once.
 */
export function demoApiKey(slug: string): string {
  return `${API_KEY_PREFIX}demo-${slug}-2026`;
}

export type DemoLogin = {
  comune: string;
  email: string;
  password: string;
  role: Role;
  name: string;
  office: string;
};

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

export type DemoTenantSummary = {
  slug: string;
  name: string;
  created: boolean;
  note?: string;
  reports: number;
  events: number;
};
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
      const note =
        existing.slug === comune.slug ? "esiste già" : `codice ISTAT già usato da «${existing.slug}»`;
      summary.push({ slug: comune.slug, name: comune.name, created: false, note, reports: 0, events: 0 });
      continue;
    }
    // scrypt is deliberately slow: hash once and share it among all the demo accounts.
    const hash = (passwordHash ??= await hashPassword(DEMO_PASSWORD));
    const count =
      typeof opts.reports === "number" ? opts.reports : (opts.reports?.[comune.slug] ?? comune.reports);
    const seed = hashSeed(`${comune.slug}:${opts.seed ?? 2026}`);
    const result = await db.transaction((tx) =>
      seedComune(tx, comune, { now, count, seed, passwordHash: hash }),
    );
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

  const setup = await insertSetup(tx, tenantId, comune, opts);
  const apiKey = demoApiKey(comune.slug);
  await tx.insert(apiKeys).values({ tenantId, name: "Client Open311 (demo)", prefix: apiKey.slice(0, 12), keyHash: hashToken(apiKey) });

  const generated = generateReports({
    tenantId,
    codePrefix: comune.codePrefix,
    boundary,
    centre: comune.centre,
    clusterSigmaKm: comune.clusterSigmaKm,
    centralRadiusKm: comune.centralRadiusKm,
    streets: STREETS[comune.slug] ?? { central: [comune.name], outer: [comune.name] },
    otherBodies: comune.otherBodies,
    ...setup,
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
  if (generated.counters.length > 0) {
    await tx.insert(reportCounters).values(generated.counters.map((c) => ({ tenantId, ...c })));
  }
  return { reports: generated.reports.length, events: generated.events.length };
}
