import { apiTranslator } from "@/lib/api/request-context";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";

type HeaderBag = { get(name: string): string | null };

/** Same choice as pages (lib/i18n/request.ts), for route handlers that answer with a message. */
export function localeFromHeaders(headers: HeaderBag): Locale {
  const cookie = headers.get("cookie") ?? "";
  const chosen = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(chosen)) return chosen;
  const first = (headers.get("accept-language") ?? "").split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}

/** A translator for one namespace outside the React tree (route handlers); built once per locale. */
export function translatorFor(headers: HeaderBag, namespace: string): (key: string) => string {
  return apiTranslator(localeFromHeaders(headers), namespace);
}
