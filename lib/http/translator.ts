import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, TIME_ZONE, type Locale } from "@/lib/i18n/config";
import { loadMessagesWithFallback } from "@/lib/i18n/messages";

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

const translators = new Map<Locale, (key: string) => string>();

/** A translator for one namespace outside the React tree (route handlers); built once per locale. */
export function translatorFor(headers: HeaderBag, namespace: string): (key: string) => string {
  const locale = localeFromHeaders(headers);
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: loadMessagesWithFallback(locale) as never, timeZone: TIME_ZONE }) as unknown as (k: string) => string;
    translators.set(locale, t);
  }
  const translate = t;
  return (key: string) => translate(`${namespace}.${key}`);
}
