export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Every time a person sees is in the comune's own zone. */
export const TIME_ZONE = "Europe/Rome";

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "it" || value === "en";
}
