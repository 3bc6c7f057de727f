import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, TIME_ZONE, type Locale } from "./config";
import { loadMessagesWithFallback } from "./messages";

/** Italian unless the person chose English (cookie) or their browser prefers English over Italian. */
async function pickLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get("accept-language") ?? "";
  const first = accept.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await pickLocale();
  return {
    locale,
    timeZone: TIME_ZONE,
    messages: loadMessagesWithFallback(locale),
  };
});
