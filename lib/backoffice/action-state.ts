import { getTranslations } from "next-intl/server";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { FormState } from "./form-state";

const KNOWN = new Set([
  "not_found", "forbidden", "suspended", "transition_not_allowed", "report_closed", "conflict", "validation",
  "rate_limited", "outside_area", "channel_invalid", "category_blocked",
]);

/** Maps a verb's typed error to a localized FormState; anything unexpected is logged and shown generically. */
export async function errorState(error: unknown, values: Record<string, string>): Promise<FormState> {
  const t = await getTranslations("backoffice.errors");
  if (error instanceof DomainError) {
    const code = KNOWN.has(error.code) ? error.code : error.code === "unauthenticated" ? "forbidden" : "validation";
    const fieldErrors = error.fieldErrors
      ? Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, keys]) => [
            field,
            keys.map((k) => (t.has(`fields.${k}`) ? t(`fields.${k}` as "fields.invalid") : t("fields.invalid"))),
          ]),
        )
      : undefined;
    return { ok: false, code, message: t(code as "generic"), fieldErrors, values, at: Date.now() };
  }
  const ref = crypto.randomUUID().slice(0, 8);
  logger.error("back-office action failed", { ref, error: String(error), stack: (error as Error)?.stack });
  return { ok: false, code: "generic", message: t("generic"), values, at: Date.now() };
}
