import { hash, randomBytes } from "node:crypto";

/** A random URL-safe secret for emailed links; only its sha256 is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** sha256, hex — Node's one-shot hash (no Hash object per call: filing a report hashes three times). */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}
