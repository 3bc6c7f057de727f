import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe secret for emailed links; only its sha256 is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
