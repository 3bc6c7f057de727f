"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { submitReport } from "@/app/t/[tenant]/(public)/segnala/actions";
import type { PublicCategoryGroup } from "@/lib/categories/list-public-categories";
import { pointInPolygon, type Boundary } from "@/lib/geo/polygon";
import type { MapConfig } from "@/lib/maps/config";
import { CategoryStep } from "./category-step";
import { ContactStep } from "./contact-step";
import { DetailsStep } from "./details-step";
import { clearDraft, EMPTY_DRAFT, FIELD_STEP, formKeys, loadDraft, saveDraft, type Draft, type FieldErrors } from "./draft";
import { BTN_PRIMARY, BTN_SECONDARY, ErrorSummary } from "./fields";
import { PositionStep } from "./position-step";

type Props = {
  categories: PublicCategoryGroup[];
  map: MapConfig;
  centre: { lat: number; lng: number };
  boundary: Boundary | null;
  descriptionMax: number;
  /** The signed-in citizen, whose name and email pre-fill the contact step. */
  signedIn: { name: string; email: string } | null;
};

const STEPS = ["category", "position", "details", "contact"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The new-report flow: four steps driven by one piece of state, checked on each step for fast feedback and
 * checked again by the server, which has the last word. Focus moves to each step's heading and every
 * change of step or error is announced, so the flow works with a keyboard and a screen reader alone.
 */
export function ReportWizard({ categories, map, centre, boundary, descriptionMax, signedIn }: Props) {
  const t = useTranslations("reportForm");
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [restored, setRestored] = useState(false);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(0);
  const [pending, startTransition] = useTransition();
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const movedStep = useRef(false);

  useEffect(() => {
    const saved = loadDraft();
    // Restoring from sessionStorage after hydration (the server cannot know it): one render later.
    const initial = saved ?? (signedIn ? { ...EMPTY_DRAFT, reporterName: signedIn.name, reporterEmail: signedIn.email } : null);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initial) setDraft(initial);
    setRestored(true);
  }, [signedIn]);
  useEffect(() => {
    if (restored) saveDraft(draft);
  }, [draft, restored]);
  useEffect(() => {
    if (!movedStep.current) return;
    headingRef.current?.focus();
  }, [step]);

  const update = useCallback(
    (patch: Partial<Draft> | ((d: Draft) => Partial<Draft>)) =>
      setDraft((d) => ({ ...d, ...(typeof patch === "function" ? patch(d) : patch) })),
    [],
  );

  const leaves = categories.flatMap((g) => (g.children.length ? g.children : [g]));
  const category = leaves.find((c) => c.id === draft.categoryId) ?? null;

  function validate(index: number): FieldErrors {
    const e: FieldErrors = {};
    if (index === 0) {
      if (!category) e.categoryId = ["category_required"];
      else if (category.noticeBlocks) e.categoryId = ["category_blocked"];
    }
    if (index === 1) {
      if (draft.lat == null || draft.lng == null) e.position = ["position_required"];
      else if (boundary && !pointInPolygon(draft.lng, draft.lat, boundary)) e.position = ["outside_area"];
    }
    if (index === 2) {
      const length = draft.description.trim().length;
      if (length < 10) e.description = ["description_too_short"];
      else if (length > descriptionMax) e.description = ["too_long"];
      if (uploading > 0) e.photos = ["uploads_pending"];
      for (const q of category?.extraQuestions ?? []) {
        const v = draft.answers[q.code];
        if (q.required && (v === undefined || v === "")) e[`answers.${q.code}`] = ["answer_required"];
      }
    }
    if (index === 3) {
      const email = draft.reporterEmail.trim();
      if (email && !EMAIL.test(email)) e.reporterEmail = ["email_invalid"];
      if (!email && !draft.reporterPhone.trim()) e.reporterEmail = ["email_required"];
      if (!draft.privacyConsent) e.privacyConsent = ["consent_required"];
    }
    return e;
  }

  function showErrors(e: FieldErrors, message?: string) {
    setErrors(e);
    setFormError(message ?? null);
    const count = Object.values(e).flat().length;
    setAnnouncement(message ?? t("errorsAnnounced", { count }));
  }

  function goTo(index: number) {
    movedStep.current = true;
    setStep(index);
    setErrors({});
    setFormError(null);
    setAnnouncement(t("stepAnnounced", { step: index + 1, total: STEPS.length, name: t(`steps.${STEPS[index]}`) }));
  }

  function next() {
    const e = validate(step);
    if (Object.keys(e).length) return showErrors(e);
    goTo(step + 1);
  }

  function submit() {
    const e = validate(3);
    if (Object.keys(e).length) return showErrors(e);
    const keys = formKeys();
    startTransition(async () => {
      const result = await submitReport({
        categoryId: draft.categoryId ?? "",
        lat: draft.lat ?? Number.NaN,
        lng: draft.lng ?? Number.NaN,
        address: draft.address,
        title: draft.title,
        description: draft.description,
        answers: Object.fromEntries(
          (category?.extraQuestions ?? [])
            .filter((q) => draft.answers[q.code] !== undefined && draft.answers[q.code] !== "")
            .map((q) => [q.code, draft.answers[q.code]!]),
        ),
        reporterName: draft.reporterName,
        reporterEmail: draft.reporterEmail,
        reporterPhone: draft.reporterPhone,
        privacyConsent: draft.privacyConsent,
        wantsPrivate: draft.wantsPrivate,
        idempotencyKey: keys.idempotencyKey,
        uploadIds: draft.uploads.map((u) => u.id),
        uploadOwnerKey: draft.uploads.length ? keys.ownerKey : undefined,
      }).catch(() => null);
      if (!result) return showErrors({}, t("errors.network"));
      if (result.ok) {
        clearDraft();
        router.replace(`/segnala/ricevuta/${encodeURIComponent(result.data.code)}`);
        return;
      }
      const fieldErrors = result.fieldErrors ?? {};
      const first = Object.keys(fieldErrors)
        .map((k) => (k.startsWith("answers.") ? 2 : FIELD_STEP[k]))
        .filter((s): s is number => s !== undefined)
        .sort()[0];
      if (first !== undefined && first !== step) {
        movedStep.current = true;
        setStep(first);
      }
      showErrors(fieldErrors, result.message);
    });
  }

  const stepProps = { draft, update, errors, t };
  return (
    <div className="space-y-4">
      <p aria-live="polite" role="status" className="sr-only">
        {announcement}
      </p>
      <nav aria-label={t("progressLabel")}>
        <ol className="flex gap-2 text-sm">
          {STEPS.map((name, i) => (
            <li
              key={name}
              aria-current={i === step ? "step" : undefined}
              className={`flex-1 rounded border-t-4 pt-1 ${i <= step ? "border-brand font-semibold" : "border-gray-300 text-muted"}`}
            >
              <span className="sr-only">{t("stepOf", { step: i + 1, total: STEPS.length })}: </span>
              <span aria-hidden="true">{i + 1}. </span>
              {t(`steps.${name}`)}
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="step-heading" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="step-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
          {t(`steps.${STEPS[step]}`)}
        </h2>
        <ErrorSummary errors={errors} message={formError} t={t} />
        {step === 0 && <CategoryStep {...stepProps} categories={categories} />}
        {step === 1 && <PositionStep {...stepProps} map={map} centre={centre} boundary={boundary} />}
        {step === 2 && (
          <DetailsStep {...stepProps} questions={category?.extraQuestions ?? []} descriptionMax={descriptionMax} onUploadingChange={setUploading} ownerKey={() => formKeys().ownerKey} />
        )}
        {step === 3 && <ContactStep {...stepProps} category={category} signedInEmail={signedIn?.email ?? null} />}

        <div className="flex flex-wrap justify-between gap-3 border-t border-gray-200 pt-4">
          {step > 0 ? (
            <button type="button" onClick={() => goTo(step - 1)} className={BTN_SECONDARY} disabled={pending}>
              {t("back")}
            </button>
          ) : (
            <span />
          )}
          {step < STEPS.length - 1 ? (
            <button type="button" onClick={next} className={BTN_PRIMARY}>
              {t("next")}
            </button>
          ) : (
            <button type="button" onClick={submit} className={BTN_PRIMARY} disabled={pending} aria-disabled={pending}>
              {pending ? t("submitting") : t("submit")}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
