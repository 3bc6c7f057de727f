import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, TIME_ZONE, type Locale } from "@/lib/i18n/config";
import { loadMessagesWithFallback } from "@/lib/i18n/messages";
import { requestHost, requestScheme } from "@/lib/tenancy/request-host";

type HeaderBag = { get(name: string): string | null };

/** Absolute origin of the request, from the validated Host (never request.url: it has the server's host). */
export function requestOrigin(headers: HeaderBag): string | null {
  const host = requestHost(headers);
  if (!host) return null;
  return `${requestScheme(headers, host)}://${host}`;
}

/** API messages follow Accept-Language: English when preferred, Italian otherwise. */
export function apiLocale(headers: HeaderBag): Locale {
  const first = (headers.get("accept-language") ?? "").split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}

export type ApiTranslator = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<string, ApiTranslator>();

/**
 * Translator for one namespace (messages/<locale>/<namespace>.json), outside React. One per locale and
 * namespace for the life of the process: building one resolves the locale and wraps the messages, which
 * cost more than the API call it answers (CPU profile of the Open311 routes, docs/BENCHMARKS.md).
 */
export function apiTranslator(locale: Locale, namespace: string): ApiTranslator {
  const key = `${locale}:${namespace}`;
  let translate = translators.get(key);
  if (!translate) {
    const t = createTranslator({
      locale,
      messages: loadMessagesWithFallback(locale) as never,
      timeZone: TIME_ZONE,
    }) as unknown as ApiTranslator;
    translate = (k, values) => t(`${namespace}.${k}`, values);
    translators.set(key, translate);
  }
  return translate;
}
