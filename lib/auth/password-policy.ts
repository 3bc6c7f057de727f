import { z } from "zod";

/**
 * Small list of the passwords people actually pick (top of public breach corpora, plus local favourites),
 * compared case-insensitively. Length already rules out most of the classic lists; this catches the long ones.
 */
const COMMON = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "qwertyuiopas",
  "qwertyuiop123",
  "passwordpassword",
  "password1234",
  "password12345",
  "password123456",
  "passw0rd1234",
  "iloveyou1234",
  "administrator",
  "administrator1",
  "amministratore",
  "cambiamisubito",
  "cambiami1234",
  "passwordcomune",
  "comune123456",
  "forzajuventus",
  "forzainter123",
  "forzamilan123",
  "forzaroma1234",
  "ciaociaociao",
  "ciao12345678",
  "piazza123456",
  "piazza-demo-2026",
  "aaaaaaaaaaaa",
  "111111111111",
  "000000000000",
  "abcdefghijkl",
  "abc123456789",
  "letmein12345",
  "welcome12345",
  "benvenuto123",
  "benvenuto1234",
]);

export const MIN_PASSWORD_LENGTH = 12;

/** Why a new password is refused (message keys), or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "password_too_short";
  if (password.length > 200) return "password_too_long";
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if (lower === address || lower === address.split("@")[0]) return "password_is_email";
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "password_common";
  return null;
}

/** A new-password field for zod schemas; the email check needs the address, so it runs in the verb. */
export const newPasswordField = z.string().min(1, "password_too_short").max(200, "password_too_long");
