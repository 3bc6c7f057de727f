import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, withTenant } from "@/db/client";
import { reusable } from "@/db/reusable";
import { categories } from "@/db/schema";
import { createCategory, createTenant } from "../support/factories";

/**
 * reusable() (db/reusable.ts): one query built once, run on many transactions — each run uses that
 * transaction's connection, values and tenant context, never the first caller's.
 */
afterAll(closeDb);

const namesOf = reusable("test_category_names", (tx) =>
  tx.select({ name: categories.name }).from(categories).where(eq(categories.tenantId, sql.placeholder("tenantId"))).orderBy(categories.name),
);

describe("reusable", () => {
  it("runs on each caller's transaction with its own values, under that transaction's tenant", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createCategory(a, { name: "Buche A" });
    await createCategory(b, { name: "Buche B" });
    await createCategory(b, { name: "Rifiuti B" });
    for (let i = 0; i < 3; i++) {
      expect(await withTenant(a.id, (tx) => namesOf(tx, { tenantId: a.id }))).toEqual([{ name: "Buche A" }]);
      expect(await withTenant(b.id, (tx) => namesOf(tx, { tenantId: b.id }))).toEqual([{ name: "Buche B" }, { name: "Rifiuti B" }]);
      // Asking for another comune's rows inside a comune's transaction: row-level security answers none.
      expect(await withTenant(a.id, (tx) => namesOf(tx, { tenantId: b.id }))).toEqual([]);
    }
    const concurrent = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? b : a)).map((t) => withTenant(t.id, (tx) => namesOf(tx, { tenantId: t.id }))),
    );
    expect(concurrent.map((rows) => rows.length)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 2 : 1)));
  });
});
