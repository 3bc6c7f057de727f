import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/api/unsubscribe/route";
import { closeDb } from "@/db/client";
import { reportFollowers } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { replyPublicly } from "@/lib/backoffice/reply-publicly";
import { env } from "@/lib/env";
import { processOutbox } from "@/lib/outbox/process";
import { linkToken } from "@/lib/reports/links";
import { startResendStandIn, type ResendStandIn } from "../../fakes/resend-server";
import type { Tenant } from "../../support/factories";
import { createWorld, type World } from "../backoffice/world";

/**
 * RFC 8058 one-click unsubscribe: follower emails, delivered through the real resend SDK to a local
 * stand-in of Resend's API, carry List-Unsubscribe (the POST endpoint of this comune's host) and
 * List-Unsubscribe-Post; the endpoint unsubscribes on a bare POST (no cookie, no second click), the GET
 * sends people to the confirmation page, and a wrong token or another comune's host is not found.
 */
const port = vi.hoisted(() => {
  const chosen = 41000 + Math.floor(Math.random() * 8000);
  // lib/env reads the environment once, at import: the SDK must be configured before that.
  process.env.RESEND_API_KEY = "re_test_piazza";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${chosen}`;
  return chosen;
});

let resend: ResendStandIn;
let w: World;

beforeAll(async () => {
  resend = await startResendStandIn(port);
  w = await createWorld();
});
afterAll(async () => {
  await resend.close();
  await closeDb();
  // Vitest may run another file in this process next: it must find the default (dev mailbox) transport.
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

const hostOf = (t: Pick<Tenant, "slug">) => `${t.slug}.${env.ROOT_DOMAIN}`;
function request(method: "GET" | "POST", url: string, host: string) {
  const { pathname, search } = new URL(url);
  return new Request(`http://127.0.0.1${pathname}${search}`, {
    method,
    headers: { host, ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: method === "POST" ? "List-Unsubscribe=One-Click" : undefined,
  });
}

async function followerOf(reportId: string) {
  const db = await getSystemDb();
  const [row] = await db.select().from(reportFollowers).where(and(eq(reportFollowers.tenantId, w.tenant.id), eq(reportFollowers.reportId, reportId)));
  return row!;
}

describe("one-click unsubscribe (RFC 8058)", () => {
  it("follower emails carry the headers; a POST to their URL unsubscribes at once, repeatable", async () => {
    const report = await w.roadReport();
    await replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, templateId: w.template.id, signAs: "comune" } });
    resend.received.length = 0;
    const mailOf = () => resend.received.find((m) => m.to.includes(report.reporterEmail!) && m.subject.includes(report.code));
    // Deliver this comune's due rows only: another test file sharing the database (PostgreSQL run) has its
    // own Resend stand-in and must not take this email, nor this file take its.
    for (let i = 0; i < 20 && !mailOf(); i++) await processOutbox(100, { tenantIds: [w.tenant.id] });
    const email = mailOf();
    expect(email).toBeDefined();
    expect(email!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const header = email!.headers?.["List-Unsubscribe"] ?? "";
    const follower = await followerOf(report.id);
    expect(header).toMatch(/^<https?:\/\/[^>]+>$/);
    const url = header.slice(1, -1);
    expect(url).toContain(`${hostOf(w.tenant)}/api/unsubscribe?f=${follower.id}&t=`);

    const res = await unsubscribePost(request("POST", url, hostOf(w.tenant)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: true, code: report.code });
    expect((await followerOf(report.id)).unsubscribedAt).not.toBeNull();
    // Mail clients may retry: a second POST is harmless.
    expect((await unsubscribePost(request("POST", url, hostOf(w.tenant)))).status).toBe(200);
  });

  it("a wrong token, or another comune's host, is not found and unsubscribes nobody", async () => {
    const report = await w.roadReport();
    const follower = await followerOf(report.id);
    const good = `http://x/api/unsubscribe?f=${follower.id}&t=${linkToken("unsubscribe", follower.id)}`;
    const wrongToken = `http://x/api/unsubscribe?f=${follower.id}&t=${linkToken("rate", follower.id)}`;
    expect((await unsubscribePost(request("POST", wrongToken, hostOf(w.tenant)))).status).toBe(404);
    expect((await unsubscribePost(request("POST", good, hostOf(w.other)))).status).toBe(404);
    expect((await unsubscribePost(request("POST", good, `nessuno.${env.ROOT_DOMAIN}`))).status).toBe(404);
    expect((await followerOf(report.id)).unsubscribedAt).toBeNull();
  });

  it("a GET (a person, or an old client) is sent to the confirmation page, which asks for a click", async () => {
    const report = await w.roadReport();
    const follower = await followerOf(report.id);
    const token = linkToken("unsubscribe", follower.id);
    const res = await unsubscribeGet(request("GET", `http://x/api/unsubscribe?f=${follower.id}&t=${token}`, hostOf(w.tenant)));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/segnalazioni/disiscrizione?f=${follower.id}&t=${token}`);
    expect((await followerOf(report.id)).unsubscribedAt).toBeNull();
  });
});
