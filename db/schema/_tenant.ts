import { sql } from "drizzle-orm";
import { pgPolicy, pgRole, uuid } from "drizzle-orm/pg-core";

/**
 * The role request code runs as inside withTenant(). Created idempotently in SQL (migration 0000), declared
 * here as existing so drizzle-kit never tries to create it (roles are cluster-wide).
 */
export const appUser = pgRole("app_user").existing();

/** tenant_id column: every tenant-owned table leads its primary key with it. */
export const tenantIdColumn = () => uuid("tenant_id").notNull();

/**
 * The row-level security policy every tenant-owned table carries. Guards tenancy: app_user sees and writes
 * only rows of the tenant set by withTenant(); with no tenant set it sees nothing (nullif → NULL → false).
 */
export const tenantPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: appUser,
    using: sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`,
    withCheck: sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`,
  });

/** `col in (...)` CHECK helper: status-like columns are text + CHECK (pg enums defeat indexes under RLS). */
export const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
