import { z } from "zod";

/**
 * The only reader of process.env (lint enforces it). Development defaults are explicit here; production
 * refuses to start without what it cannot run safely without (see assertProductionEnv, called at start).
 */
const bool = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… → PostgreSQL through postgres.js. Unset → embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL deve iniziare con postgres://").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Prepare statements on PostgreSQL (ADR 0005); "0" behind a pooler that cannot keep them (PgBouncer < 1.21 in transaction mode). */
  DATABASE_PREPARE: z.enum(["0", "1"]).default("1"),
  /**
   * Seconds a comune's row stays cached in each app instance (lib/tenancy/get-tenant.ts): a change made
   * on another instance (suspension, settings) shows there within this time. 0 turns the cache off.
   * Default 5; 0 under NODE_ENV=test, where tests write rows directly.
   */
  TENANT_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
  /** Directory of the embedded database; "memory://" keeps it in memory (tests). */
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Tests: tarball of an already migrated embedded database to start in-memory databases from. */
  PGLITE_TEMPLATE: z.string().optional(),
  /** Seed the demo comuni on the first start of an empty embedded database. */
  SEED_DEMO: z.enum(["auto", "0", "1"]).default("auto"),
  /** Host (with port if not 80/443) under which comuni get their subdomains. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ROOT_DOMAIN: z.string().min(1).optional(),
  /** Honour X-Forwarded-Host/-Proto only behind a trusted reverse proxy. */
  TRUST_PROXY: bool,
  /** Scheme used in absolute links (emails); http for *.localhost. */
  PUBLIC_SCHEME: z.enum(["http", "https"]).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET deve avere almeno 32 caratteri").optional(),
  UPLOADS_DIR: z.string().default(".data/uploads"),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("Piazza <noreply@piazza.localhost>"),
  /** Serve the dev mailbox (/api/dev/mailbox). On by default outside production; never with Resend. */
  DEV_MAILBOX: z.enum(["0", "1"]).optional(),
  /** Run the outbox worker inside the web process (default on; turn off where a separate worker runs). */
  OUTBOX_WORKER: z.enum(["0", "1"]).default("1"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  /** Stripe price ids of the plans (lib/billing/plans.ts); test-mode defaults match the stand-in server. */
  STRIPE_PRICE_S_MONTH: z.string().default("price_piazza_s_month"),
  STRIPE_PRICE_S_YEAR: z.string().default("price_piazza_s_year"),
  STRIPE_PRICE_M_MONTH: z.string().default("price_piazza_m_month"),
  STRIPE_PRICE_M_YEAR: z.string().default("price_piazza_m_year"),
  STRIPE_PRICE_L_MONTH: z.string().default("price_piazza_l_month"),
  STRIPE_PRICE_L_YEAR: z.string().default("price_piazza_l_year"),
  STRIPE_PRICE_XL_MONTH: z.string().default("price_piazza_xl_month"),
  STRIPE_PRICE_XL_YEAR: z.string().default("price_piazza_xl_year"),
  NEXT_PUBLIC_MAPBOX_TOKEN: z.string().optional(),
  /** Map style URL (absolute, site-relative or mapbox://); default: Mapbox Streets with a token, else OpenStreetMap raster tiles. */
  MAP_STYLE_URL: z.string().optional(),
  /** Server-only Mapbox token for address search (falls back to NEXT_PUBLIC_MAPBOX_TOKEN); never sent to browsers. */
  MAPBOX_TOKEN: z.string().optional(),
  /** Base URL of a Nominatim-compatible geocoder (/search, /reverse); takes precedence over Mapbox for addresses. */
  GEOCODER_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = Omit<z.infer<typeof schema>, "ROOT_DOMAIN" | "TENANT_CACHE_SECONDS"> & { ROOT_DOMAIN: string; TENANT_CACHE_SECONDS: number };

function parse(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configurazione non valida:\n${lines.join("\n")}`);
  }
  // Without ROOT_DOMAIN, comuni live at <slug>.localhost:<PORT>, which every browser resolves to loopback.
  return {
    ...result.data,
    ROOT_DOMAIN: result.data.ROOT_DOMAIN ?? `localhost:${result.data.PORT}`,
    TENANT_CACHE_SECONDS: result.data.TENANT_CACHE_SECONDS ?? (result.data.NODE_ENV === "test" ? 0 : 5),
  };
}

export const env: Env = parse(process.env);

/** The dev mailbox is readable only when enabled and no real email transport is configured. */
export function devMailboxEnabled(e: Env = env): boolean {
  if (e.RESEND_API_KEY) return false;
  return e.DEV_MAILBOX ? e.DEV_MAILBOX === "1" : e.NODE_ENV !== "production";
}

/** True while `next build` is running: nothing may open a database then. */
export const isBuildPhase = process.env.NEXT_PHASE === "phase-production-build";

/** Production must have real secrets: fail at start with a clear message rather than run insecurely. */
export function assertProductionEnv(e: Env = env): void {
  if (e.NODE_ENV !== "production" || isBuildPhase) return;
  const missing: string[] = [];
  if (!e.AUTH_SECRET) missing.push("AUTH_SECRET (openssl rand -base64 32)");
  if (missing.length > 0) {
    throw new Error(`Piazza non può partire in produzione senza: ${missing.join(", ")}`);
  }
}

/** The secret used for signing tokens; a fixed value only outside production. */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production" && !isBuildPhase) throw new Error("AUTH_SECRET mancante");
  return "piazza-development-secret-not-for-production-use";
}
