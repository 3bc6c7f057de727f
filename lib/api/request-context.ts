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

/** Translator for one namespace (messages/<locale>/<namespace>.json), outside React. */
export function apiTranslator(locale: Locale, namespace: string): ApiTranslator {
  const t = createTranslator({
    locale,
    messages: loadMessagesWithFallback(locale) as never,
    timeZone: TIME_ZONE,
  }) as unknown as ApiTranslator;
  return (key, values) => t(`${namespace}.${key}`, values);
}
