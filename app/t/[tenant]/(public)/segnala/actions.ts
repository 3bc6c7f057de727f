"use server";

import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getCitizenActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { DomainError, RateLimitedError, type ActionResult } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { tenantFromHeaders } from "@/lib/tenancy/tenant-for-host";
import { logger } from "@/lib/logger";
import { createReport, type CreateReportInput } from "@/lib/reports/create-report";
import { findNearbyReports, type NearbyReport } from "@/lib/reports/find-nearby";
import { issueReceiptToken, RECEIPT_TTL_SECONDS } from "@/lib/reports/receipt-token";
import { limitPublicAction } from "@/lib/engagement/shared";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { requestHost, requestScheme } from "@/lib/tenancy/request-host";
import { RECEIPT_COOKIE } from "./receipt-cookie";

async function citizenCtx(): Promise<Ctx | null> {
  const h = await headers();
  const tenant = await tenantFromHeaders(h);
  if (!tenant) return null;
  // Signed in: the report is linked to the account (and its email is the default contact); otherwise anonymous.
  const citizen = await getCitizenActor(tenant);
  return { tenant, actor: citizen ?? { kind: "anonymous" }, ip: clientIp(h) };
}

async function failure(error: unknown): Promise<{ ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  const t = await getTranslations("reportForm.errors");
  if (error instanceof RateLimitedError) {
    return { ok: false, code: "rate_limited", message: t("rate_limited_minutes", { minutes: Math.ceil(error.retryAfterSeconds / 60) }) };
  }
  if (error instanceof DomainError) {
    const key = t.has(error.code) ? error.code : "validation";
    return { ok: false, code: error.code, message: t(key), fieldErrors: error.fieldErrors };
  }
  const ref = crypto.randomUUID().slice(0, 8);
  logger.error("report submission failed", { ref, error: String(error), stack: (error as Error)?.stack });
  return { ok: false, code: "unexpected", message: t("unexpected", { ref }) };
}

/**
 * Final step of the form. Rate-limited per IP (when known) and per email before any write; createReport commits the
 * report (idempotency key: a retried or doubled submit returns the same code) and only then the receipt
 * cookie is set, so the receipt page never shows an uncommitted report.
 */
export async function submitReport(input: CreateReportInput): Promise<ActionResult<{ code: string }>> {
  const ctx = await citizenCtx();
  if (!ctx) return failure(new DomainError("not_found", "tenant"));
  try {
    const email = typeof input.reporterEmail === "string" ? input.reporterEmail.trim().toLowerCase() : "";
    // A signed-in citizen's report goes out under the account's address when none is typed: limit that one.
    const limitedEmail = email || (ctx.actor.kind === "citizen" ? ctx.actor.email.toLowerCase() : null);
    await limitPublicAction(ctx, "report", limitedEmail, { perIp: RATE_LIMITS.reportPerIp, perEmail: RATE_LIMITS.reportPerEmail });
    const phone = typeof input.reporterPhone === "string" ? input.reporterPhone.trim() : "";
    // Channel is fixed here; a citizen who left only a phone number is called back when there is news.
    const created = await createReport({
      ctx,
      input: { ...input, channel: "web", callbackRequested: !email && Boolean(phone) },
    });
    const h = await headers();
    (await cookies()).set(RECEIPT_COOKIE, `${created.code}~${issueReceiptToken(ctx.tenant.id, created.code)}`, {
      httpOnly: true,
      secure: requestScheme(h, requestHost(h) ?? "") === "https",
      sameSite: "lax",
      path: "/segnala/ricevuta",
      maxAge: RECEIPT_TTL_SECONDS,
    });
    return { ok: true, data: { code: created.code } };
  } catch (error) {
    return failure(error);
  }
}

/** "È già stato segnalato?": the same public data the map shows, for the position being chosen. */
export async function lookupNearby(input: { categoryId: string; lat: number; lng: number }): Promise<ActionResult<NearbyReport[]>> {
  const ctx = await citizenCtx();
  if (!ctx) return failure(new DomainError("not_found", "tenant"));
  try {
    await limitPublicAction(ctx, "nearby", null, { perIp: RATE_LIMITS.nearbyPerIp });
    return { ok: true, data: await findNearbyReports({ ctx, input }) };
  } catch (error) {
    return failure(error);
  }
}
