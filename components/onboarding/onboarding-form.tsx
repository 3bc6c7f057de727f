"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useRef, useState } from "react";
import { checkSlugAction, startOnboardingAction, type OnboardingState } from "@/app/(platform)/attiva/actions";
import { ComuneCombobox, type ComuneOption } from "./comune-combobox";

const input = "mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base";

function suggest(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

function Field({ name, label, error, hint, ...rest }: { name: string; label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={Boolean(error)} aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined} className={input} {...rest} />
      {error ? (
        <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The sign-up form: comune, subdomain (checked live), admin's name/email/password, terms. */
export function OnboardingForm({ rootDomain }: { rootDomain: string }) {
  const t = useTranslations("onboarding");
  const [state, action, pending] = useActionState<OnboardingState, FormData>(startOnboardingAction, { ok: null });
  const [slug, setSlug] = useState(state.values?.slug ?? "");
  const [slugStatus, setSlugStatus] = useState<string | null>(null);
  const seq = useRef(0);
  const slugId = useId();

  async function checkSlug(value: string) {
    setSlug(value);
    const mine = ++seq.current;
    if (!value) return setSlugStatus(null);
    const result = await checkSlugAction(value);
    if (mine !== seq.current) return;
    setSlugStatus(result.ok ? t("slugAvailable", { host: `${value}.${rootDomain}` }) : t(`errors.slug_${result.reason}`));
  }

  if (state.ok) {
    return (
      <div role="status" className="rounded-lg bg-green-50 p-5 text-green-900">
        <h2 className="text-xl font-semibold">{t("sentTitle")}</h2>
        <p className="mt-2">{t("sentBody", { email: state.sentTo ?? "" })}</p>
      </div>
    );
  }
  const v = state.values ?? {};
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5 rounded-lg bg-white p-5 shadow-sm" noValidate>
      {state.ok === false && state.message ? (
        <p role="alert" className="rounded bg-red-50 p-3 font-semibold text-red-800">
          {state.message}
        </p>
      ) : null}
      <ComuneCombobox
        defaultLabel={v.comuneLabel}
        defaultIstat={v.istatCode}
        error={fe.istatCode}
        onPick={(c: ComuneOption | null) => {
          if (c && !slug) void checkSlug(suggest(c.name));
        }}
      />
      <div>
        <label htmlFor={slugId} className="font-semibold">
          {t("slug")}
        </label>
        <p id={`${slugId}-hint`} className="text-sm text-muted">
          {t("slugHint", { root: rootDomain })}
        </p>
        <div className="mt-1 flex items-center gap-1">
          <input
            id={slugId}
            name="slug"
            value={slug}
            onChange={(e) => void checkSlug(e.target.value.toLowerCase())}
            aria-invalid={Boolean(fe.slug)}
            aria-describedby={`${slugId}-hint ${slugId}-status`}
            autoComplete="off"
            className="block w-full rounded border border-gray-500 px-3 py-2 text-base"
          />
          <span className="whitespace-nowrap">.{rootDomain}</span>
        </div>
        <p id={`${slugId}-status`} aria-live="polite" className="mt-1 font-semibold" data-testid="slug-status">
          {fe.slug ?? slugStatus ?? ""}
        </p>
      </div>
      <Field name="adminName" label={t("adminName")} autoComplete="name" defaultValue={v.adminName} error={fe.adminName} required />
      <Field name="email" type="email" label={t("email")} hint={t("emailHint")} autoComplete="email" defaultValue={v.email} error={fe.email} required />
      <Field name="password" type="password" label={t("password")} hint={t("passwordHint")} autoComplete="new-password" error={fe.password} required minLength={10} />
      <div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="acceptTerms" className="mt-1 h-5 w-5" aria-invalid={Boolean(fe.acceptTerms)} />
          <span>{t("terms")}</span>
        </label>
        {fe.acceptTerms ? <p className="mt-1 font-semibold text-red-800">{fe.acceptTerms}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-[#0b5394] px-5 py-3 text-lg font-semibold text-white disabled:opacity-60">
        {t("submit")}
      </button>
    </form>
  );
}
