import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, newTotpSecret, totpCode, verifyTotp } from "@/lib/auth/totp";

describe("TOTP (RFC 6238)", () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": 8-digit codes; the last 6 digits are ours.
  const secret = base32Encode(Buffer.from("12345678901234567890"));
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("at %i s the code is %s", (seconds, code) => {
    expect(totpCode(secret, seconds * 1000)).toBe(code);
  });

  it("accepts one step of drift, refuses two", () => {
    const s = newTotpSecret();
    const now = Date.now();
    expect(verifyTotp(s, totpCode(s, now - 30_000), now)).toBe(true);
    expect(verifyTotp(s, totpCode(s, now - 90_000), now)).toBe(false);
    expect(verifyTotp(s, "12345", now)).toBe(false);
  });

  it("base32 round-trips", () => {
    const buf = Buffer.from([0, 1, 2, 250, 255, 7]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });
});
