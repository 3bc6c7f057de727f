import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, withTenant } from "@/db/client";
import {
  apiKeys,
  attachments,
  auditEvents,
  billingAccounts,
  catalogStamps,
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
  uploads,
} from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { KNOWN_TENANT_TABLES, caught, errorChain, rows, tenantTables } from "../support/db";
import { createPopulatedTenant, type PopulatedTenant } from "../support/factories";

/**
 * Inside withTenant(A), tenant B's rows of every tenant table can be neither read, changed, deleted nor
 * forged — while A's own rows can (the positive control that proves each query would have matched).
 * The tables come from the catalog: a new tenant table fails here until it gets a case below.
 */

type Row = Record<string, unknown>;

/** A fixed instant for timestamp changes, so a change compares equal to itself. */
const LATER = new Date("2030-06-01T08:00:00Z");

type TableCase = {
  table: PgTable;
  /** The populated row the test reads, updates and deletes (only its primary key columns are used). */
  row: (w: PopulatedTenant) => Row;
  /** A change that really alters that row, valid for its tenant. */
  change: (w: PopulatedTenant) => Row;
  /** A new valid row for the tenant, not colliding with the populated ones (but see `oneRowPerKey`). */
  newRow: (w: PopulatedTenant) => Row;
  /**
   * The table holds one row per tenant (or per report), so `newRow` can only be inserted once the populated
   * row is gone: the insert test removes it first through the system handle.
   */
  oneRowPerKey?: boolean;
};

function tableCase<T extends PgTable>(
  table: T,
  c: NoInfer<{
    row: (w: PopulatedTenant) => Partial<T["$inferSelect"]>;
    change: (w: PopulatedTenant) => Partial<T["$inferInsert"]>;
    newRow: (w: PopulatedTenant) => T["$inferInsert"];
    oneRowPerKey?: boolean;
  }>,
): [string, TableCase] {
  return [getTableName(table), { table, ...c } as TableCase];
}

const CASES = new Map<string, TableCase>([
  tableCase(tenantDomains, {
    row: (w) => w.domain,
    change: () => ({ verifiedAt: LATER }),
    newRow: (w) => ({ tenantId: w.tenant.id, host: `segnalazioni.${w.tenant.slug}.example.it` }),
  }),
  tableCase(offices, {
    row: (w) => w.spareOffice,
    change: (w) => ({ name: `Ufficio rinominato ${w.tenant.slug}` }),
    newRow: (w) => ({ tenantId: w.tenant.id, name: `Nuovo ufficio ${w.tenant.slug}` }),
  }),
  tableCase(organisations, {
    row: (w) => w.spareOrganisation,
    change: () => ({ name: "Impresa rinominata", kind: "committee" }),
    newRow: (w) => ({ tenantId: w.tenant.id, name: "Nuova associazione", kind: "association" }),
  }),
  tableCase(categories, {
    row: (w) => w.spareCategory,
    change: () => ({ name: "Categoria rinominata", slaDays: 3 }),
    newRow: (w) => ({ tenantId: w.tenant.id, name: "Nuova categoria", defaultOfficeId: w.office.id }),
  }),
  tableCase(memberships, {
    row: (w) => w.operator.membership,
    change: () => ({ role: "supervisor", title: "Responsabile URP" }),
    newRow: (w) => ({ tenantId: w.tenant.id, userId: w.outsider.id, role: "politician" }),
  }),
  tableCase(membershipOffices, {
    row: (w) => ({ tenantId: w.tenant.id, userId: w.operator.user.id, officeId: w.office.id }),
    change: (w) => ({ officeId: w.spareOffice.id }),
    newRow: (w) => ({ tenantId: w.tenant.id, userId: w.operator.user.id, officeId: w.spareOffice.id }),
  }),
  tableCase(reports, {
    row: (w) => w.report,
    change: () => ({ status: "acknowledged", description: "Descrizione corretta dall'ufficio" }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      code: `${w.tenant.codePrefix}-1999-000001`,
      categoryId: w.category.id,
      description: "Lampione spento",
      lat: w.tenant.centreLat,
      lng: w.tenant.centreLng,
    }),
  }),
  tableCase(reportEvents, {
    row: (w) => w.event,
    change: () => ({ hidden: true, body: "Testo moderato" }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      reportId: w.report.id,
      type: "internal_note",
      visibility: "internal",
      body: "Sopralluogo fissato",
    }),
  }),
  tableCase(attachments, {
    row: (w) => w.attachment,
    change: () => ({ isPublic: false, originalName: "foto-privata.jpg" }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      reportId: w.report.id,
      kind: "document",
      storageKey: `${w.tenant.id}/verbale.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 2048,
    }),
  }),
  tableCase(reportCounters, {
    row: (w) => w.counter,
    change: () => ({ value: 999 }),
    newRow: (w) => ({ tenantId: w.tenant.id, year: 1999, value: 1 }),
  }),
  tableCase(auditEvents, {
    row: (w) => w.audit,
    change: () => ({ action: "report.modificato" }),
    newRow: (w) => ({ tenantId: w.tenant.id, actorKind: "system", action: "report.creato" }),
  }),
  tableCase(outbox, {
    row: (w) => w.message,
    change: () => ({ status: "dead", lastError: "casella inesistente" }),
    newRow: (w) => ({ tenantId: w.tenant.id, kind: "email", payload: { to: "nuovo@example.it" } }),
  }),
  tableCase(reportFollowers, {
    row: (w) => w.follower,
    change: () => ({ unsubscribedAt: LATER }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      reportId: w.report.id,
      email: "nuovo.follower@example.it",
    }),
  }),
  tableCase(reportSupports, {
    row: (w) => w.support,
    change: () => ({ createdAt: LATER }),
    newRow: (w) => ({ tenantId: w.tenant.id, reportId: w.report.id, supporterKey: "email:nuovo@example.it" }),
  }),
  tableCase(emailConfirmations, {
    row: (w) => w.confirmation,
    change: () => ({ usedAt: LATER }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      purpose: "follow",
      email: "nuovo@example.it",
      reportId: w.report.id,
      tokenHash: `confirmation-${w.tenant.id}`,
      expiresAt: LATER,
    }),
  }),
  tableCase(reportRatings, {
    row: (w) => w.rating,
    change: () => ({ score: 1, fixed: false, comment: "Non è risolto" }),
    newRow: (w) => ({ tenantId: w.tenant.id, reportId: w.report.id, score: 5, fixed: true, closedAt: new Date("2026-06-01T10:00:00Z") }),
    oneRowPerKey: true,
  }),
  tableCase(responseTemplates, {
    row: (w) => w.template,
    change: () => ({ body: "Testo aggiornato" }),
    newRow: (w) => ({ tenantId: w.tenant.id, title: "Risolta", body: "Il problema è stato risolto." }),
  }),
  tableCase(invitations, {
    row: (w) => w.invitation,
    change: () => ({ acceptedAt: LATER }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      email: "nuovo.operatore@example.it",
      role: "operator",
      tokenHash: `invitation-${w.tenant.id}`,
      expiresAt: LATER,
    }),
  }),
  tableCase(apiKeys, {
    row: (w) => w.apiKey,
    change: () => ({ revokedAt: LATER }),
    // key_hash is unique across all comuni: derive it from the tenant.
    newRow: (w) => ({
      tenantId: w.tenant.id,
      name: "Integrazione",
      prefix: "pz_new",
      keyHash: `key-${w.tenant.id}`,
    }),
  }),
  tableCase(billingAccounts, {
    row: (w) => w.billing,
    change: () => ({ plan: "pro", pec: "protocollo@pec.example.it" }),
    newRow: (w) => ({ tenantId: w.tenant.id, plan: "base", interval: "month" }),
    oneRowPerKey: true,
  }),
  tableCase(catalogStamps, {
    // Created by the trigger with the populated comune's categories (migration 0013).
    row: (w) => ({ tenantId: w.tenant.id }),
    change: () => ({ stamp: 1000 }),
    newRow: (w) => ({ tenantId: w.tenant.id, stamp: 1 }),
    oneRowPerKey: true,
  }),
  tableCase(invoices, {
    row: (w) => w.invoice,
    change: () => ({ status: "void" }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      id: `in_new_${w.tenant.slug}`,
      status: "open",
      currency: "eur",
      amountDue: 1000,
      amountPaid: 0,
      createdAt: LATER,
    }),
  }),
  tableCase(supportAccessGrants, {
    row: (w) => w.grant,
    change: () => ({ revokedAt: LATER }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      vendorUserId: w.outsider.id,
      reason: "Verifica fatturazione",
      expiresAt: LATER,
    }),
  }),
  tableCase(uploads, {
    row: (w) => w.upload,
    change: () => ({ claimedAt: LATER }),
    newRow: (w) => ({
      tenantId: w.tenant.id,
      kind: "document",
      storageKey: `${w.tenant.id}/uploads/nuovo.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 4096,
      ownerKeyHash: `upload-${w.tenant.id}`,
    }),
  }),
]);

const catalogTables = await tenantTables(await getSystemDb());

afterAll(() => closeDb());

function requireCase(name: string): TableCase {
  const c = CASES.get(name);
  if (!c) throw new Error(`Tabella ${name}: aggiungi il suo caso a CASES in tenant-isolation.test.ts`);
  return c;
}

/** Columns of a table by SQL name, for building conditions from the catalog's primary key. */
function columnsBySqlName(table: PgTable): Map<string, [property: string, column: PgColumn]> {
  return new Map(Object.entries(getTableColumns(table)).map(([prop, col]) => [col.name, [prop, col]]));
}

function column(table: PgTable, sqlName: string): PgColumn {
  const entry = columnsBySqlName(table).get(sqlName);
  if (!entry) throw new Error(`${getTableName(table)}.${sqlName} non è nello schema drizzle`);
  return entry[1];
}

/** `pk1 = … and pk2 = …` for the primary key (from the catalog) of a row given by drizzle property names. */
function keyCondition(table: PgTable, primaryKey: string[], row: Row): SQL {
  const byName = columnsBySqlName(table);
  const parts = primaryKey.map((sqlName) => {
    const [prop, col] = byName.get(sqlName) ?? [];
    if (!prop || !col || row[prop] === undefined) {
      throw new Error(`${getTableName(table)}: la riga non ha la colonna di chiave ${sqlName}`);
    }
    return eq(col, row[prop]);
  });
  return and(...parts)!;
}

/** The row as it is committed, read through the system handle (outside any tenant transaction). */
async function snapshot(table: PgTable, where: SQL): Promise<Row[]> {
  return (await getSystemDb()).select().from(table).where(where);
}

async function countForTenant(table: PgTable, tenantId: string): Promise<number> {
  const [first] = await (
    await getSystemDb()
  )
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(column(table, "tenant_id"), tenantId));
  return first!.n;
}

function expectRlsViolation(error: unknown) {
  const { messages, codes } = errorChain(error);
  expect(codes).toContain("42501");
  expect(messages).toMatch(/row-level security policy/);
}

describe("tenant isolation under withTenant", () => {
  it("covers at least the known tenant tables", () => {
    expect(catalogTables.map((t) => t.name)).toEqual(expect.arrayContaining([...KNOWN_TENANT_TABLES]));
  });

  describe.each(catalogTables)("$name", ({ name, primaryKey }) => {
    let a: PopulatedTenant;
    let b: PopulatedTenant;

    // Fresh tenants for every test: the positive controls change and delete A's rows.
    beforeEach(async () => {
      [a, b] = await Promise.all([createPopulatedTenant(), createPopulatedTenant()]);
    });

    it("keeps B's rows unreadable from A, while A reads its own", async () => {
      const { table, row } = requireCase(name);
      const tenantId = column(table, "tenant_id");
      const seen = await withTenant(a.tenant.id, async (tx) => ({
        bByTenant: await tx.select().from(table).where(eq(tenantId, b.tenant.id)),
        bByKey: await tx
          .select()
          .from(table)
          .where(keyCondition(table, primaryKey, row(b))),
        aByTenant: await tx.select().from(table).where(eq(tenantId, a.tenant.id)),
        aByKey: await tx
          .select()
          .from(table)
          .where(keyCondition(table, primaryKey, row(a))),
        unfiltered: rows<{ tenant_id: string }>(
          await tx.execute(sql`select tenant_id::text from ${sql.identifier(name)}`),
        ),
      }));
      expect(seen.bByTenant).toEqual([]);
      expect(seen.bByKey).toEqual([]);
      expect(seen.aByTenant.length).toBeGreaterThan(0);
      expect(seen.aByKey).toHaveLength(1);
      expect(seen.unfiltered.length).toBe(seen.aByTenant.length);
      expect(new Set(seen.unfiltered.map((r) => r.tenant_id))).toEqual(new Set([a.tenant.id]));
    });

    it("keeps B's rows unchangeable from A, while A updates its own", async () => {
      const { table, row, change } = requireCase(name);
      const tenantId = column(table, "tenant_id");
      const bKey = keyCondition(table, primaryKey, row(b));
      const bBefore = await snapshot(table, bKey);
      expect(bBefore).toHaveLength(1);

      const affected = await withTenant(a.tenant.id, async (tx) => ({
        byTenant: await tx.update(table).set(change(b)).where(eq(tenantId, b.tenant.id)).returning(),
        byKey: await tx.update(table).set(change(b)).where(bKey).returning(),
      }));
      expect(affected.byTenant).toEqual([]);
      expect(affected.byKey).toEqual([]);
      expect(await snapshot(table, bKey)).toEqual(bBefore);

      const aBefore = await snapshot(table, keyCondition(table, primaryKey, row(a)));
      const aUpdated = await withTenant(a.tenant.id, (tx) =>
        tx
          .update(table)
          .set(change(a))
          .where(keyCondition(table, primaryKey, row(a)))
          .returning(),
      );
      expect(aUpdated).toHaveLength(1);
      // The change may touch a key column (membership_offices.office_id): look the row up by its new key.
      const aAfter = await snapshot(table, keyCondition(table, primaryKey, { ...row(a), ...change(a) }));
      expect(aAfter).toHaveLength(1);
      expect(aAfter).not.toEqual(aBefore);
      expect(aAfter[0]).toMatchObject(change(a));
    });

    it("keeps B's rows undeletable from A, while A deletes its own", async () => {
      const { table, row } = requireCase(name);
      const tenantId = column(table, "tenant_id");
      const bKey = keyCondition(table, primaryKey, row(b));
      const bBefore = await snapshot(table, bKey);
      const bCount = await countForTenant(table, b.tenant.id);
      expect(bBefore).toHaveLength(1);

      const deleted = await withTenant(a.tenant.id, async (tx) => ({
        byTenant: await tx.delete(table).where(eq(tenantId, b.tenant.id)).returning(),
        byKey: await tx.delete(table).where(bKey).returning(),
      }));
      expect(deleted.byTenant).toEqual([]);
      expect(deleted.byKey).toEqual([]);
      expect(await snapshot(table, bKey)).toEqual(bBefore);
      expect(await countForTenant(table, b.tenant.id)).toBe(bCount);

      const aKey = keyCondition(table, primaryKey, row(a));
      const aDeleted = await withTenant(a.tenant.id, (tx) => tx.delete(table).where(aKey).returning());
      expect(aDeleted).toHaveLength(1);
      expect(await snapshot(table, aKey)).toEqual([]);
    });

    it("refuses rows forged for B from A (moving A's row, or inserting), while A inserts its own", async () => {
      const { table, row, newRow, oneRowPerKey } = requireCase(name);
      const tenantProperty = columnsBySqlName(table).get("tenant_id")![0];
      const bCount = await countForTenant(table, b.tenant.id);

      expectRlsViolation(
        await caught(() =>
          withTenant(a.tenant.id, (tx) =>
            tx
              .update(table)
              .set({ [tenantProperty]: b.tenant.id })
              .where(keyCondition(table, primaryKey, row(a))),
          ),
        ),
      );
      expect(await countForTenant(table, b.tenant.id)).toBe(bCount);

      if (oneRowPerKey) {
        // Make the forged row otherwise valid, so only row-level security can be what refuses it.
        const system = await getSystemDb();
        for (const w of [a, b]) await system.delete(table).where(keyCondition(table, primaryKey, row(w)));
      }
      const bCountBeforeInsert = await countForTenant(table, b.tenant.id);
      expectRlsViolation(
        await caught(() => withTenant(a.tenant.id, (tx) => tx.insert(table).values(newRow(b)))),
      );
      expect(await countForTenant(table, b.tenant.id)).toBe(bCountBeforeInsert);

      const aCount = await countForTenant(table, a.tenant.id);
      await withTenant(a.tenant.id, (tx) => tx.insert(table).values(newRow(a)));
      expect(await countForTenant(table, a.tenant.id)).toBe(aCount + 1);
    });
  });
});

describe("withTenant", () => {
  it.each(["", "fossano", "' or 1=1 --", `${randomUUID()}x`, `${randomUUID()}'; reset role; --`])(
    "rejects the tenant id %j before touching the database",
    async (tenantId) => {
      let ran = false;
      await expect(
        withTenant(tenantId, async () => {
          ran = true;
        }),
      ).rejects.toThrow(/tenant id non valido/);
      expect(ran).toBe(false);
    },
  );

  it("accepts a well-formed tenant id (positive control)", async () => {
    const id = randomUUID();
    const setting = await withTenant(id, async (tx) =>
      rows<{ t: string }>(await tx.execute(sql`select current_setting('app.tenant_id') as t`)),
    );
    expect(setting).toEqual([{ t: id }]);
  });
});
