import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

/** How long the submitting browser may reopen its receipt page (the email carries the lasting link). */
export const RECEIPT_TTL_SECONDS = 30 * 60;

function sign(tenantId: string, code: string, expires: number): string {
  return createHmac("sha256", authSecret()).update(`receipt:${tenantId}:${code}:${expires}`).digest("base64url");
}

/**
 * Guards the receipt page: a short-lived token, set as a cookie for the browser that submitted, bound to
 * the comune and the report code. Without it the page is not found, so nobody can read another person's
 * receipt (with its email address) by guessing codes.
 */
export function issueReceiptToken(tenantId: string, code: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + RECEIPT_TTL_SECONDS;
  return `${expires}.${sign(tenantId, code, expires)}`;
}

export function verifyReceiptToken(tenantId: string, code: string, token: string | undefined, now = Date.now()): boolean {
  if (!token) return false;
  const [expiresText, signature] = token.split(".");
  const expires = Number(expiresText);
  if (!Number.isInteger(expires) || !signature || expires < Math.floor(now / 1000)) return false;
  const expected = Buffer.from(sign(tenantId, code, expires));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
