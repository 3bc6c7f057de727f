import { createTranslator } from "next-intl";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, TIME_ZONE, type Locale } from "@/lib/i18n/config";
import { loadMessagesWithFallback } from "@/lib/i18n/messages";
import { requestHost, requestScheme } from "@/lib/tenancy/request-host";

type HeaderBag = { get(name: string): string | null };

/**
 * The caller's address for per-IP rate limits. Next fills X-Forwarded-For with the socket address only
 * when the client did not send one, so without TRUST_PROXY the value is client-controlled: the API also
 * applies a per-comune ceiling that no header can dodge (see RATE_LIMITS use in the handlers).
 */
export function clientIp(headers: HeaderBag): string {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  if (env.TRUST_PROXY && first) return first.slice(0, 64);
  return (first || headers.get("x-real-ip") || "unknown").slice(0, 64);
}

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
