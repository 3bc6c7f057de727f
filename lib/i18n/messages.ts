import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LOCALE, type Locale } from "./config";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Messages live in one file per namespace (messages/<locale>/<namespace>.json) so that features own their
 * strings without editing a shared file. Read once per process; used by pages (next-intl) and emails.
 */
export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  if (cached) return cached;
  const dir = path.join(process.cwd(), "messages", locale);
  const messages: Messages = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    messages[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}

/** Italian is the source: any key missing in English falls back to the Italian text. */
export function loadMessagesWithFallback(locale: Locale): Messages {
  if (locale === DEFAULT_LOCALE) return loadMessages(locale);
  return deepMerge(loadMessages(DEFAULT_LOCALE), loadMessages(locale));
}

function deepMerge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && b && typeof b === "object" ? deepMerge(b as Messages, v as Messages) : v;
  }
  return out;
}
