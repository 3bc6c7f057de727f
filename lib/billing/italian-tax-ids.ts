/**
 * Check digits of Italian tax identifiers, as the Agenzia delle Entrate computes them:
 * - partita IVA and the numeric codice fiscale of an ente: 11 digits, the last a Luhn-style check digit;
 * - personal codice fiscale: 16 characters (omocodia letters allowed), the last a check letter.
 */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value) || /^0{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10 === value.charCodeAt(10) - 48;
}

/** Values of the characters in odd positions (1st, 3rd, …), digits and letters sharing a row. */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const PERSONAL = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Index of a digit or letter: '0'–'9' → 0–9, 'A'–'Z' → 0–25. */
function indexOf(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

export function isValidCodiceFiscale(value: string): boolean {
  if (/^\d{11}$/.test(value)) return isValidPartitaIva(value);
  if (!PERSONAL.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const n = indexOf(value[i]!);
    sum += i % 2 === 0 ? ODD[n]! : n;
  }
  return String.fromCharCode(65 + (sum % 26)) === value[15];
}
