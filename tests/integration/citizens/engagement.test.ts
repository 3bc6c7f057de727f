import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { emailConfirmations, reportEvents, reportFollowers, reports, reportSupports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { commentOnReport } from "@/lib/engagement/comment-on-report";
import { confirmEmail, peekConfirmation } from "@/lib/engagement/confirm-email";
import { followReport } from "@/lib/engagement/follow-report";
import { supportReport } from "@/lib/engagement/support-report";
import { unfollowReport } from "@/lib/engagement/unfollow-report";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { linkToken } from "@/lib/reports/links";
import { createCategory, createReport, createTenant, type Category, type Report, type Tenant } from "../../support/factories";
import { anonCtx, lastConfirmToken } from "./helpers";

let tenant: Tenant;
let other: Tenant;
let category: Category;
let report: Report;
let privateReport: Report;
let internalReport: Report;
let noCommentsReport: Report;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
  category = await createCategory(tenant);
  const internal = await createCategory(tenant, { visibility: "internal" });
  const noComments = await createCategory(tenant, { commentsEnabled: false });
  report = (await createReport(tenant, { categoryId: category.id })).report;
  privateReport = (await createReport(tenant, { categoryId: category.id, isPublic: false })).report;
  internalReport = (await createReport(tenant, { categoryId: internal.id })).report;
  noCommentsReport = (await createReport(tenant, { categoryId: noComments.id })).report;
});
afterAll(closeDb);

const db = () => getSystemDb();

describe("followReport + confirmEmail", () => {
  it("holds the follow until the emailed link is confirmed, then the address follows", async () => {
    const email = "Anna.Bianchi@Example.it";
    const result = await followReport({ ctx: anonCtx(tenant), input: { code: report.code, email } });
    expect(result.status).toBe("pending_confirmation");
    const followersBefore = await (await db())
      .select()
      .from(reportFollowers)
      .where(and(eq(reportFollowers.tenantId, tenant.id), eq(reportFollowers.email, "anna.bianchi@example.it")));
    expect(followersBefore).toHaveLength(0);

    const token = await lastConfirmToken(tenant, "anna.bianchi@example.it");
    expect(await peekConfirmation({ ctx: anonCtx(tenant), input: { token } })).toMatchObject({ purpose: "follow", code: report.code, used: false });
    expect(await confirmEmail({ ctx: anonCtx(tenant), input: { token } })).toMatchObject({ alreadyDone: false });
    const [follower] = await (await db())
      .select()
      .from(reportFollowers)
      .where(and(eq(reportFollowers.tenantId, tenant.id), eq(reportFollowers.email, "anna.bianchi@example.it")));
    expect(follower?.confirmedAt).toBeInstanceOf(Date);
    expect(follower?.isReporter).toBe(false);
    // Second click: nothing new, told it was already done.
    expect(await confirmEmail({ ctx: anonCtx(tenant), input: { token } })).toMatchObject({ alreadyDone: true });

    // One-click unsubscribe with the emailed token; idempotent.
    const input = { followerId: follower!.id, token: linkToken("unsubscribe", follower!.id) };
    expect(await unfollowReport({ ctx: anonCtx(tenant), input })).toEqual({ code: report.code });
    await unfollowReport({ ctx: anonCtx(tenant), input });
    const [after] = await (await db()).select().from(reportFollowers).where(eq(reportFollowers.id, follower!.id));
    expect(after?.unsubscribedAt).toBeInstanceOf(Date);
    await expect(unfollowReport({ ctx: anonCtx(tenant), input: { ...input, token: "x".repeat(32) } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unfollowReport({ ctx: anonCtx(other), input })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("another comune's report, a private one or one of an internal category is not found", async () => {
    for (const code of [privateReport.code, internalReport.code]) {
      await expect(followReport({ ctx: anonCtx(tenant), input: { code, email: "x@example.it" } })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(followReport({ ctx: anonCtx(other), input: { code: report.code, email: "x@example.it" } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a confirmation token of one comune does nothing on another", async () => {
    await followReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "carla@example.it" } });
    const token = await lastConfirmToken(tenant, "carla@example.it");
    await expect(confirmEmail({ ctx: anonCtx(other), input: { token } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(confirmEmail({ ctx: anonCtx(tenant), input: { token: "not-a-real-token-at-all-xyz" } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an expired link is refused", async () => {
    await followReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "late@example.it" } });
    const token = await lastConfirmToken(tenant, "late@example.it");
    await (await db())
      .update(emailConfirmations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(emailConfirmations.tenantId, tenant.id), eq(emailConfirmations.email, "late@example.it")));
    await expect(confirmEmail({ ctx: anonCtx(tenant), input: { token } })).rejects.toMatchObject({ code: "link_expired" });
  });

  it("rejects a malformed address", async () => {
    const error = await followReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "non-una-email" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.email).toEqual(["email_invalid"]);
  });

  it("a signed-in citizen follows at once", async () => {
    const ctx = { tenant, actor: { kind: "citizen" as const, userId: "u-1", name: null, email: "Citt@Example.it" }, ip: "198.51.100.1" };
    expect(await followReport({ ctx, input: { code: report.code } })).toEqual({ status: "following" });
  });
});

describe("commentOnReport", () => {
  it("publishes the comment as a public timeline event only after confirmation, stored as plain text", async () => {
    const body = "<script>alert(1)</script> Anche davanti al civico 14";
    expect(await commentOnReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "luca@example.it", body } })).toEqual({
      status: "pending_confirmation",
    });
    const commentsBefore = await (await db())
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, "comment")));
    expect(commentsBefore).toHaveLength(0);
    const token = await lastConfirmToken(tenant, "luca@example.it");
    expect(await confirmEmail({ ctx: anonCtx(tenant), input: { token } })).toMatchObject({ purpose: "comment", body });
    const [comment] = await (await db())
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, "comment")));
    expect(comment).toMatchObject({ visibility: "public", body, hidden: false });
  });

  it("is refused when the category has comments off, even at confirmation time", async () => {
    await expect(
      commentOnReport({ ctx: anonCtx(tenant), input: { code: noCommentsReport.code, email: "a@example.it", body: "Commento" } }),
    ).rejects.toMatchObject({ code: "comments_disabled" });
    await expect(
      commentOnReport({ ctx: anonCtx(other), input: { code: report.code, email: "a@example.it", body: "Commento" } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("validates the text length", async () => {
    const tooLong = await commentOnReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "a@example.it", body: "x".repeat(1001) } }).catch((e) => e);
    expect(tooLong.fieldErrors).toEqual({ body: ["too_long"] });
    const tooShort = await commentOnReport({ ctx: anonCtx(tenant), input: { code: report.code, email: "a@example.it", body: " a " } }).catch((e) => e);
    expect(tooShort.fieldErrors).toEqual({ body: ["comment_too_short"] });
  });

  it("is rate limited per address and per IP", async () => {
    const email = `spam-${Date.now()}@example.it`;
    for (let i = 0; i < 10; i++) {
      await commentOnReport({ ctx: anonCtx(tenant, `192.0.2.${i + 1}`), input: { code: report.code, email, body: `Commento ${i}` } });
    }
    await expect(
      commentOnReport({ ctx: anonCtx(tenant, "192.0.2.99"), input: { code: report.code, email, body: "Ancora" } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    const ip = "192.0.2.200";
    for (let i = 0; i < 20; i++) {
      await commentOnReport({ ctx: anonCtx(tenant, ip), input: { code: report.code, email: `p${i}-${Date.now()}@example.it`, body: "Commento" } });
    }
    await expect(
      commentOnReport({ ctx: anonCtx(tenant, ip), input: { code: report.code, email: "nuovo@example.it", body: "Commento" } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("supportReport", () => {
  it("counts one support per confirmed address: a double support stays 1", async () => {
    const fresh = (await createReport(tenant, { categoryId: category.id })).report;
    for (let i = 0; i < 2; i++) {
      expect(await supportReport({ ctx: anonCtx(tenant), input: { code: fresh.code, email: "marta@example.it" } })).toEqual({
        status: "pending_confirmation",
      });
      await confirmEmail({ ctx: anonCtx(tenant), input: { token: await lastConfirmToken(tenant, "marta@example.it") } });
    }
    const [row] = await (await db()).select({ n: reports.supportCount }).from(reports).where(eq(reports.id, fresh.id));
    expect(row?.n).toBe(1);
    const supports = await (await db()).select().from(reportSupports).where(eq(reportSupports.reportId, fresh.id));
    expect(supports.map((s) => s.supporterKey)).toEqual(["email:marta@example.it"]);
  });

  it("a signed-in citizen supports at once, once", async () => {
    const fresh = (await createReport(tenant, { categoryId: category.id })).report;
    const ctx = { tenant, actor: { kind: "citizen" as const, userId: "u-2", name: null, email: "c2@example.it" }, ip: "198.51.100.2" };
    expect(await supportReport({ ctx, input: { code: fresh.code } })).toEqual({ status: "supported", supportCount: 1 });
    expect(await supportReport({ ctx, input: { code: fresh.code } })).toEqual({ status: "already_supported", supportCount: 1 });
  });

  it("another comune's report is not found; an address is required", async () => {
    await expect(supportReport({ ctx: anonCtx(other), input: { code: report.code, email: "a@example.it" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(supportReport({ ctx: anonCtx(tenant), input: { code: report.code } })).rejects.toBeInstanceOf(ValidationError);
  });

  it("is refused while the comune is suspended", async () => {
    await expect(
      supportReport({ ctx: { ...anonCtx(tenant), tenant: { ...tenant, status: "suspended" } }, input: { code: report.code, email: "a@example.it" } }),
    ).rejects.toMatchObject({ code: "suspended" });
  });
});
