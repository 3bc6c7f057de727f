import { getEngine, type Db } from "./client";

/**
 * UNSCOPED DATABASE HANDLE — bypasses row-level security (it runs as the connecting owner role).
 * Allowed only for platform work that cannot have a tenant yet or spans tenants: host → tenant lookup,
 * auth, Stripe webhooks, onboarding, the vendor console, the outbox worker, seeding and migrations.
 * Lint forbids importing it from app/** and components/**; each importer says why it needs it.
 */
export async function getSystemDb(): Promise<Db> {
  return (await getEngine()).db;
}
