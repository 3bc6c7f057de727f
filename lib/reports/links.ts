import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";
import { tenantBaseUrl } from "@/lib/tenancy/urls";

/**
 * Links in citizens' emails carry HMAC tokens derived from AUTH_SECRET, so any verb can rebuild them later
 * (a reply weeks after the report still gets a working unsubscribe link) without storing secrets. Each
 * token is bound to a purpose and an id: a rating token cannot unsubscribe, a token of report A cannot
 * open report B.
 */
type Purpose = "unsubscribe" | "view" | "rate" | "add-info" | "open311-token";

function sign(purpose: Purpose, id: string): string {
  return createHmac("sha256", authSecret()).update(`${purpose}:${id}`).digest("base64url").slice(0, 32);
}

export function linkToken(purpose: Purpose, id: string): string {
  return sign(purpose, id);
}

export function verifyLinkToken(purpose: Purpose, id: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(sign(purpose, id));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Public page of a report; private reports get the reporter's view token. */
export function reportUrl(slug: string, code: string, report: { id: string; isPublic: boolean }): string {
  const base = `${tenantBaseUrl(slug)}/segnalazioni/${code}`;
  return report.isPublic ? base : `${base}?t=${linkToken("view", report.id)}`;
}

/** One-click unsubscribe of one follower (f = follower id). */
export function unsubscribeUrl(slug: string, followerId: string): string {
  return `${tenantBaseUrl(slug)}/segnalazioni/disiscrizione?f=${followerId}&t=${linkToken("unsubscribe", followerId)}`;
}

/** Path of the RFC 8058 one-click endpoint: mail clients POST there, without cookies or a second click. */
const ONE_CLICK_UNSUBSCRIBE_PATH = "/api/unsubscribe";

/**
 * The one-click (POST) twin of an unsubscribeUrl(): same host and same f/t parameters, so the token stays
 * bound to the follower. Null for anything that is not an unsubscribe page link.
 */
export function oneClickUnsubscribeUrl(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.pathname !== "/segnalazioni/disiscrizione" || !url.searchParams.get("f") || !url.searchParams.get("t")) return null;
  url.pathname = ONE_CLICK_UNSUBSCRIBE_PATH;
  return url.toString();
}

/** The reporter's satisfaction form of a closed report, no login needed. */
export function ratingUrl(slug: string, code: string, reportId: string): string {
  return `${tenantBaseUrl(slug)}/segnalazioni/${code}/valuta?t=${linkToken("rate", reportId)}`;
}

/** The reporter adds information or photos to their own report. */
export function addInfoUrl(slug: string, code: string, reportId: string): string {
  return `${tenantBaseUrl(slug)}/segnalazioni/${code}/integra?t=${linkToken("add-info", reportId)}`;
}
