import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { rateLimits, reportEvents, reportRatings, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { listMyReports } from "@/lib/account/list-my-reports";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { resolveReport } from "@/lib/backoffice/resolve-report";
import type { Ctx } from "@/lib/context";
import { addReportInfo, checkAddInfoLink } from "@/lib/engagement/add-report-info";
import { commentOnReport } from "@/lib/engagement/comment-on-report";
import { followReport } from "@/lib/engagement/follow-report";
import { supportReport } from "@/lib/engagement/support-report";
import { checkRatingLink, rateReport } from "@/lib/engagement/rate-report";
import { NotFoundError } from "@/lib/errors";
import { linkToken } from "@/lib/reports/links";
import { createUser, type Tenant } from "../../support/factories";
import { createWorld, type World } from "../backoffice/world";
import { anonCtx } from "./helpers";

/**
 * The reporter's loop after closing: one rating per closure (reopen → close again → rate again), the
 * citizen reopen clears "duplicate of" like the staff reopen, and a signed-in reporter reaches rating and
 * adding information from "le mie segnalazioni" without the emailed token (ownership checked server-side).
 */
let w: World;
let reporter: Awaited<ReturnType<typeof createUser>>;
let stranger: Awaited<ReturnType<typeof createUser>>;

function citizenCtx(tenant: Tenant, user: { id: string; email: string; name: string | null }): Ctx {
  return { tenant, actor: { kind: "citizen", userId: user.id, email: user.email, name: user.name }, ip: "203.0.113.50" };
}

beforeAll(async () => {
  w = await createWorld();
  reporter = await createUser({ email: `segnalante-${Date.now()}@example.it` });
  stranger = await createUser();
});
afterAll(closeDb);

async function ratingsOf(reportId: string) {
  const db = await getSystemDb();
  return db.select().from(reportRatings).where(and(eq(reportRatings.tenantId, w.tenant.id), eq(reportRatings.reportId, reportId)));
}

describe("one rating per closure", () => {
  it("after 'non è risolto' → reopened → resolved again, the same link rates the new closure once", async () => {
    const report = await w.roadReport();
    const token = linkToken("rate", report.id);
    const anon = anonCtx(w.tenant);
    await acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: report.id } });
    await resolveReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Buca chiusa." } });
    expect(await checkRatingLink({ ctx: anon, input: { code: report.code, token } })).toBe("rateable");

    await rateReport({ ctx: anon, input: { code: report.code, token, score: 1, fixed: false, comment: "La buca è ancora lì" } });
    expect(await checkRatingLink({ ctx: anon, input: { code: report.code, token } })).toBe("not_closed");

    await resolveReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Ora è chiusa davvero." } });
    expect(await checkRatingLink({ ctx: anon, input: { code: report.code, token } })).toBe("rateable");
    const second = await rateReport({ ctx: anon, input: { code: report.code, token, score: 5, fixed: true, comment: "Grazie" } });
    expect(second).toEqual({ reopened: false, status: "resolved" });
    expect(await checkRatingLink({ ctx: anon, input: { code: report.code, token } })).toBe("already_rated");
    await expect(rateReport({ ctx: anon, input: { code: report.code, token, score: 4, fixed: true } })).rejects.toMatchObject({
      code: "already_rated",
    });

    const ratings = await ratingsOf(report.id);
    expect(ratings.map((r) => [r.score, r.fixed]).sort()).toEqual([
      [1, false],
      [5, true],
    ]);
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ status: "resolved", rating: 5 });
    expect(ratings.find((r) => r.fixed)!.closedAt.getTime()).toBe(row!.closedAt!.getTime());
  });

  it("the citizen reopen of a duplicate clears 'duplicate of', as the staff reopen does", async () => {
    const original = await w.roadReport();
    const now = new Date();
    const duplicate = await w.roadReport({ status: "duplicate", duplicateOfId: original.id, closedAt: now, acknowledgedAt: now });
    const result = await rateReport({
      ctx: anonCtx(w.tenant),
      input: { code: duplicate.code, token: linkToken("rate", duplicate.id), score: 1, fixed: false, comment: "Non è lo stesso problema" },
    });
    expect(result).toEqual({ reopened: true, status: "acknowledged" });
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(eq(reports.id, duplicate.id));
    expect(row).toMatchObject({ status: "acknowledged", duplicateOfId: null, closedAt: null, closeReason: null });
  });

  it("'non è risolto' from another comune is not found and changes nothing", async () => {
    const now = new Date();
    const report = await w.roadReport({ status: "resolved", acknowledgedAt: now, resolvedAt: now, closedAt: now });
    const token = linkToken("rate", report.id);
    await expect(
      rateReport({ ctx: anonCtx(w.other), input: { code: report.code, token, score: 1, fixed: false, comment: "Non è risolto" } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ status: "resolved" });
    expect(row!.closedAt).not.toBeNull();
    expect(await ratingsOf(report.id)).toEqual([]);
    const events = await db.select().from(reportEvents).where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, "status_changed")));
    expect(events).toEqual([]);
  });
});

describe("the signed-in reporter, without the emailed token", () => {
  it("rates their closed report and adds information; 'le mie segnalazioni' links to both", async () => {
    const now = new Date();
    const report = await w.roadReport({ reporterUserId: reporter.id, reporterEmail: reporter.email, status: "resolved", acknowledgedAt: now, resolvedAt: now, closedAt: now });
    const open = await w.roadReport({ reporterEmail: reporter.email });
    const me = citizenCtx(w.tenant, reporter);

    const mine = await listMyReports({ ctx: { tenant: w.tenant, actor: me.actor as never } });
    const closedItem = mine.find((r) => r.code === report.code)!;
    const openItem = mine.find((r) => r.code === open.code);
    expect(closedItem).toMatchObject({ addInfoHref: `/segnalazioni/${report.code}/integra`, rateHref: `/segnalazioni/${report.code}/valuta` });
    // Filed with the account's address (not signed in) is theirs too; an open report cannot be rated yet.
    expect(openItem).toMatchObject({ addInfoHref: `/segnalazioni/${open.code}/integra`, rateHref: null });

    expect(await checkRatingLink({ ctx: me, input: { code: report.code, token: "" } })).toBe("rateable");
    await rateReport({ ctx: me, input: { code: report.code, token: "", score: 4, fixed: true } });
    const after = await listMyReports({ ctx: { tenant: w.tenant, actor: me.actor as never } });
    expect(after.find((r) => r.code === report.code)!.rateHref).toBeNull();

    expect(await checkAddInfoLink({ ctx: me, input: { code: report.code, token: "" } })).toEqual({ reportPath: `/segnalazioni/${report.code}` });
    await addReportInfo({ ctx: me, input: { code: report.code, body: "Aggiungo che è successo di notte" } });
    const db = await getSystemDb();
    const [event] = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, "updated")));
    expect(event).toMatchObject({ visibility: "public", body: "Aggiungo che è successo di notte" });
  });

  it("a report filed with the account's address is theirs; another citizen's, or another comune's, is not found", async () => {
    const now = new Date();
    const byEmail = await w.roadReport({ reporterEmail: reporter.email, status: "rejected", closedAt: now });
    const me = citizenCtx(w.tenant, reporter);
    expect(await checkRatingLink({ ctx: me, input: { code: byEmail.code, token: "" } })).toBe("rateable");

    const someoneElse = citizenCtx(w.tenant, stranger);
    await expect(checkRatingLink({ ctx: someoneElse, input: { code: byEmail.code, token: "" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(rateReport({ ctx: someoneElse, input: { code: byEmail.code, score: 1, fixed: true } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addReportInfo({ ctx: someoneElse, input: { code: byEmail.code, body: "Non è mia" } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await checkAddInfoLink({ ctx: someoneElse, input: { code: byEmail.code, token: "" } })).toBeNull();
    // Staff of the comune are not its reporter either.
    await expect(addReportInfo({ ctx: w.ctx.operator, input: { code: byEmail.code, body: "Da ufficio" } })).rejects.toBeInstanceOf(NotFoundError);

    const elsewhere = citizenCtx(w.other, reporter);
    await expect(rateReport({ ctx: elsewhere, input: { code: byEmail.code, score: 1, fixed: true } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addReportInfo({ ctx: elsewhere, input: { code: byEmail.code, body: "Altro comune" } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await ratingsOf(byEmail.id)).toEqual([]);
  });

  it("adding information is rate limited per report, without an IP too", async () => {
    const report = await w.roadReport({ reporterUserId: reporter.id });
    const me: Ctx = { ...citizenCtx(w.tenant, reporter), ip: null };
    for (let i = 0; i < 10; i++) await addReportInfo({ ctx: me, input: { code: report.code, body: `Aggiornamento numero ${i}` } });
    await expect(addReportInfo({ ctx: me, input: { code: report.code, body: "Ancora uno" } })).rejects.toMatchObject({ code: "rate_limited" });
    // Unknown IPs are not pooled into one shared "ip:null" bucket that would block everyone at once.
    const db = await getSystemDb();
    expect(await db.select().from(rateLimits).where(like(rateLimits.key, `${w.tenant.id}:%:ip:null`))).toEqual([]);
  });
});

describe("signed-in citizens engage without an address", () => {
  it("support, follow and comment with the form's empty email field; visitors still need one", async () => {
    const report = await w.roadReport();
    const me = citizenCtx(w.tenant, stranger);
    const input = { code: report.code, email: "" };
    expect(await supportReport({ ctx: me, input })).toMatchObject({ status: "supported", supportCount: 1 });
    expect(await followReport({ ctx: me, input })).toEqual({ status: "following" });
    expect(await commentOnReport({ ctx: me, input: { ...input, body: "Confermo, passo di lì ogni giorno" } })).toEqual({ status: "published" });
    for (const verb of [supportReport, followReport]) {
      await expect(verb({ ctx: anonCtx(w.tenant), input })).rejects.toMatchObject({ fieldErrors: { email: ["email_required"] } });
    }
    await expect(supportReport({ ctx: me, input: { ...input, code: w.otherReport.code } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
