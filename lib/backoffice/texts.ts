import { loadMessages } from "@/lib/i18n/messages";

/**
 * Italian texts that leave the back office as data (signatures, outcomes quoted in citizens' emails, the
 * timeline). They are stored once, in the comune's language, so they come from the Italian messages of
 * the `backoffice` namespace rather than from the staff member's UI language.
 */
export function italianText(path: string, values: Record<string, string> = {}): string {
  let node: unknown = loadMessages("it").backoffice;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`backoffice message missing: ${path}`);
  return node.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}
