import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, pipeline, withTenant } from "@/db/client";
import { insertRow } from "@/db/insert-row";
import { auditEvents, outbox, reportEvents, reportFollowers, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { createCategory, createTenant } from "../support/factories";

/**
 * insertRow (db/insert-row.ts) stores exactly the row drizzle's own insert stores: the same values, the
 * same defaults ($defaultFn and database defaults), the same JSON and timestamps — checked column by
 * column against drizzle for every table report submission writes with it, awaited and pipelined.
 */
afterAll(closeDb);

const omit = <T extends Record<string, unknown>>(row: T, keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

describe("insertRow", () => {
  it("stores the same report, event, follower, outbox and audit rows as drizzle's insert", async () => {
    const tenant = await createTenant();
    const category = await createCategory(tenant);
    const now = new Date("2026-03-04T05:06:07.089Z");
    const report = (id: string, code: string) => ({
      tenantId: tenant.id,
      id,
      code,
      categoryId: category.id,
      status: "new" as const,
      isPublic: false,
      channel: "open311" as const,
      title: null,
      description: "Lampione spento davanti alla scuola «Rodari» — dall'altra sera",
      lat: 44.55123456789,
      lng: 7.71987654321,
      address: null,
      answers: { palo: "A-12", acceso: false, altezza: 7.5 },
      reporterEmail: "mario.rossi@example.it",
      callbackRequested: false,
      createdAt: now,
      updatedAt: now,
      dueAt: new Date("2026-03-18T00:00:00.000Z"),
    });
    const [a, b] = [randomUUID(), randomUUID()];
    await withTenant(tenant.id, async (tx) => {
      await tx.insert(reports).values(report(a, "IR-1"));
      await insertRow(tx, reports, report(b, "IR-2"));
      const event = (reportId: string) => ({ tenantId: tenant.id, reportId, type: "created" as const, visibility: "public" as const, toStatus: "new" as const, data: { channel: "open311", n: [1, 2] }, createdAt: now });
      const follower = (reportId: string) => ({ tenantId: tenant.id, id: randomUUID(), reportId, email: "mario.rossi@example.it", isReporter: true, confirmedAt: now });
      const job = (reportId: string) => ({ tenantId: tenant.id, kind: "email", payload: { kind: "email", message: { to: "x@example.it", values: { code: "IR", accent: "città" } } }, dedupeKey: `receipt:${reportId}` });
      const audit = (reportId: string) => ({ tenantId: tenant.id, actorKind: "api" as const, action: "report.create", targetType: "report", targetId: reportId, data: { code: "IR" }, ip: "203.0.113.7" });
      await pipeline(tx, [
        tx.insert(reportEvents).values(event(a)),
        tx.insert(reportFollowers).values(follower(a)),
        tx.insert(outbox).values(job(a)).onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupeKey] }),
        tx.insert(auditEvents).values(audit(a)),
      ]);
      await pipeline(tx, [
        insertRow(tx, reportEvents, event(b)),
        insertRow(tx, reportFollowers, follower(b)),
        insertRow(tx, outbox, job(b), [outbox.tenantId, outbox.dedupeKey]),
        // The same dedupe key again: nothing happens, as with onConflictDoNothing.
        insertRow(tx, outbox, job(b), [outbox.tenantId, outbox.dedupeKey]),
        insertRow(tx, auditEvents, audit(b)),
      ]);
    });
    const db = await getSystemDb();
    const [ra] = await db.select().from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.id, a)));
    const [rb] = await db.select().from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.id, b)));
    expect(omit(rb!, ["id", "code"])).toEqual(omit(ra!, ["id", "code"]));
    expect(rb!.answers).toEqual({ palo: "A-12", acceso: false, altezza: 7.5 });
    expect(rb!.createdAt.toISOString()).toBe(now.toISOString());

    const pair = async <T extends Record<string, unknown>>(rows: T[], key: (r: T) => string, ignore: string[]) => {
      const x = rows.find((r) => key(r) === a)!;
      const y = rows.find((r) => key(r) === b)!;
      expect(omit(y, ignore)).toEqual(omit(x, ignore));
    };
    await pair(await db.select().from(reportEvents).where(eq(reportEvents.tenantId, tenant.id)), (r) => r.reportId, ["id", "reportId", "createdAt"]);
    await pair(await db.select().from(reportFollowers).where(eq(reportFollowers.tenantId, tenant.id)), (r) => r.reportId, ["id", "reportId", "createdAt"]);
    const jobs = await db.select().from(outbox).where(eq(outbox.tenantId, tenant.id));
    expect(jobs).toHaveLength(2);
    await pair(jobs, (r) => r.dedupeKey!.slice("receipt:".length), ["id", "dedupeKey", "createdAt", "runAfter"]);
    await pair(await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id)), (r) => r.targetId!, ["id", "targetId", "createdAt"]);
  });

  it("builds each statement's text once and reuses it; rows with other columns get their own", async () => {
    const tenant = await createTenant();
    await withTenant(tenant.id, async (tx) => {
      const one = insertRow(tx, auditEvents, { tenantId: tenant.id, actorKind: "api", action: "x", targetType: "t", targetId: "1" }).toSQL();
      const two = insertRow(tx, auditEvents, { tenantId: tenant.id, actorKind: "api", action: "y", targetType: "t", targetId: "2" }).toSQL();
      const other = insertRow(tx, auditEvents, { tenantId: tenant.id, actorKind: "api", action: "y", targetType: "t", targetId: "2", ip: "203.0.113.1" }).toSQL();
      expect(two.sql).toBe(one.sql);
      expect(two.params).not.toEqual(one.params);
      expect(other.sql).not.toBe(one.sql);
      expect(other.sql).toContain('"ip"');
    });
  });
});
