import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db, Tx } from "@/db/client";
import { outbox } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { BatchJob, SingleJob } from "@/lib/outbox/jobs";

/**
 * Rows of a `db.execute()` result on either driver: postgres.js returns an array (RowList), PGlite returns
 * `{ rows }`.
 */
export function rows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result !== null && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new Error(`Risultato di execute() non riconosciuto: ${String(result)}`);
}

/** The only row of a result; fails when there is not exactly one. */
export function one<T = Record<string, unknown>>(result: unknown): T {
  const all = rows<T>(result);
  if (all.length !== 1) throw new Error(`Attesa una riga, trovate ${all.length}`);
  return all[0]!;
}

/**
 * Tenant tables that exist today. The catalog query must find at least these, so a query that silently
 * returns nothing (wrong schema, renamed column) fails the tests instead of passing them vacuously.
 */
export const KNOWN_TENANT_TABLES = [
  "attachments",
  "audit_events",
  "categories",
  "membership_offices",
  "memberships",
  "offices",
  "organisations",
  "outbox",
  "report_counters",
  "report_events",
  "reports",
  "tenant_domains",
] as const;

export type CatalogPolicy = {
  name: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  withCheck: string | null;
};

export type TenantTable = {
  name: string;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  /** Primary key columns in key order (empty when the table has none). */
  primaryKey: string[];
  policies: CatalogPolicy[];
};

type CatalogRow = {
  name: string;
  row_security: boolean;
  force_row_security: boolean;
  primary_key: string | null;
  policies: string;
};

/**
 * Every table of the current schema with a `tenant_id` column, as the catalog sees it: what the tenancy
 * tests iterate over, so a table added later is covered without editing a list.
 */
export async function tenantTables(db: Db | Tx): Promise<TenantTable[]> {
  const result = await db.execute(sql`
    select c.relname::text as name,
           c.relrowsecurity as row_security,
           c.relforcerowsecurity as force_row_security,
           (select string_agg(pa.attname::text, ',' order by k.ord)
              from pg_index i
              cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
              join pg_attribute pa on pa.attrelid = i.indrelid and pa.attnum = k.attnum
             where i.indrelid = c.oid and i.indisprimary) as primary_key,
           (select coalesce(json_agg(json_build_object(
                     'name', p.policyname::text,
                     'permissive', p.permissive,
                     'roles', p.roles::text[],
                     'cmd', p.cmd,
                     'qual', p.qual,
                     'withCheck', p.with_check)), '[]'::json)::text
              from pg_policies p
             where p.schemaname = n.nspname and p.tablename = c.relname) as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where n.nspname = current_schema() and c.relkind in ('r', 'p')
     order by c.relname
  `);
  return rows<CatalogRow>(result).map((r) => ({
    name: r.name,
    rowSecurity: r.row_security,
    forceRowSecurity: r.force_row_security,
    primaryKey: r.primary_key ? r.primary_key.split(",") : [],
    policies: JSON.parse(r.policies) as CatalogPolicy[],
  }));
}

/** Message and causes of an error: drizzle wraps the driver's error ("Failed query: …") in `cause`. */
export function errorChain(error: unknown): { messages: string; codes: string[] } {
  const messages: string[] = [];
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) messages.push(e.message);
    else messages.push(String(e));
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return { messages: messages.join("\n"), codes };
}

/** Runs `fn` and returns what it threw; fails the test if it did not throw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Era atteso un errore, ma l'operazione è riuscita");
}

/**
 * The jobs filing a report enqueued, by name ("receipt", "office", "organisation"): one outbox row, a batch
 * keyed `filed:<report id>` (lib/reports/create-report.ts). Empty when nothing was enqueued.
 */
export async function filedJobs(tenantId: string, reportId: string): Promise<Record<string, SingleJob>> {
  const db = await getSystemDb();
  const found = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.dedupeKey, `filed:${reportId}`)));
  if (found.length === 0) return {};
  expect(found).toHaveLength(1);
  expect(found[0]!.kind).toBe("batch");
  const batch = found[0]!.payload as unknown as BatchJob;
  return Object.fromEntries(batch.jobs.map(({ name, job }) => [name, job]));
}
