"use client";

import { useLocale } from "next-intl";
import type { PublicCategory } from "@/lib/categories/list-public-categories";
import { describedBy, FieldError, TextField, type StepProps } from "./fields";

type Props = StepProps & { category: PublicCategory | null; signedInEmail: string | null };

export function ContactStep({ draft, update, errors, t, category, signedInEmail }: Props) {
  const locale = useLocale();
  const photos = draft.uploads.filter((u) => u.kind === "photo").length;
  const documents = draft.uploads.length - photos;
  return (
    <div className="space-y-5">
      <p>{t("contactIntro")}</p>
      {signedInEmail ? (
        <p className="rounded-md bg-gray-50 p-3">{t("signedInAs", { email: signedInEmail })}</p>
      ) : (
        // In a new tab, so the report being written stays here; "le mie segnalazioni" lists it by email anyway.
        <p className="rounded-md bg-gray-50 p-3" data-testid="contact-sign-in">
          {t("signInOffer")}{" "}
          <a href="/accedi?next=/account" target="_blank" rel="noopener" className="font-semibold text-brand underline">
            {t("signInLink")}
            <span className="sr-only"> ({t("newTab")})</span>
          </a>
        </p>
      )}
      <TextField field="reporterName" label={t("name")} value={draft.reporterName} onChange={(v) => update({ reporterName: v })} errors={errors} t={t} autoComplete="name" maxLength={120} />
      <TextField field="reporterEmail" label={t("email")} hint={t("emailHint")} value={draft.reporterEmail} onChange={(v) => update({ reporterEmail: v })} errors={errors} t={t} type="email" autoComplete="email" maxLength={254} />
      <TextField field="reporterPhone" label={t("phone")} hint={t("phoneHint")} value={draft.reporterPhone} onChange={(v) => update({ reporterPhone: v })} errors={errors} t={t} type="tel" autoComplete="tel" maxLength={40} />

      <div className="flex items-start gap-3">
        <input
          id="field-wantsPrivate"
          type="checkbox"
          checked={draft.wantsPrivate}
          onChange={(e) => update({ wantsPrivate: e.target.checked })}
          aria-describedby="field-wantsPrivate-hint"
          className="mt-1 h-5 w-5 shrink-0"
        />
        <div>
          <label htmlFor="field-wantsPrivate" className="font-semibold">
            {t("private")}
          </label>
          <p id="field-wantsPrivate-hint" className="text-sm text-muted">
            {t("privateHint")}
          </p>
        </div>
      </div>

      <div>
        <div className="flex items-start gap-3">
          <input
            id="field-privacyConsent"
            type="checkbox"
            checked={draft.privacyConsent}
            onChange={(e) => update({ privacyConsent: e.target.checked })}
            aria-invalid={errors.privacyConsent?.length ? true : undefined}
            aria-describedby={describedBy("field-privacyConsent", errors, "privacyConsent", true)}
            className="mt-1 h-5 w-5 shrink-0"
          />
          <div>
            <label htmlFor="field-privacyConsent" className="font-semibold">
              {t("consent")}
            </label>
            <p id="field-privacyConsent-hint" className="text-sm">
              {t("consentHint")}{" "}
              <a href="/privacy" target="_blank" rel="noopener" className="font-semibold text-brand underline">
                {t("privacyLink")}
              </a>
            </p>
          </div>
        </div>
        <FieldError id="field-privacyConsent" errors={errors.privacyConsent} t={t} />
      </div>

      <section aria-labelledby="summary-title" className="rounded-md bg-gray-50 p-4">
        <h3 id="summary-title" className="text-lg font-semibold">
          {t("summaryTitle")}
        </h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">{t("steps.category")}</dt>
          <dd>{category ? (locale === "en" && category.nameEn ? category.nameEn : category.name) : "—"}</dd>
          <dt className="font-semibold">{t("steps.position")}</dt>
          <dd>{draft.address || `${draft.lat?.toFixed(5)}, ${draft.lng?.toFixed(5)}`}</dd>
          <dt className="font-semibold">{t("description")}</dt>
          <dd className="line-clamp-3 whitespace-pre-line break-words">{draft.title || draft.description}</dd>
          <dt className="font-semibold">{t("attachments")}</dt>
          <dd>{t("attachmentsCount", { photos, documents })}</dd>
        </dl>
      </section>
    </div>
  );
}
