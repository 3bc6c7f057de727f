"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFollowRedirect } from "@/components/auth/use-follow-redirect";
import { useActionState, useId } from "react";
import { sendSignInLink, signInWithPassword, type SignInState } from "@/app/actions/auth";

const input = "mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base";
const button = "rounded bg-brand px-4 py-2 font-semibold text-white disabled:opacity-60";

function ErrorText({ id, code }: { id: string; code?: string }) {
  const t = useTranslations("auth.errors");
  if (!code) return null;
  return (
    <p id={id} role="alert" className="mt-2 font-semibold text-red-800">
      {t(code as "invalid_credentials")}
    </p>
  );
}

/** Password sign-in (staff) and emailed link (everyone); each form keeps what was typed on error. */
export function SignInForms({ next }: { next: string }) {
  const t = useTranslations("auth");
  const [pw, pwAction, pwPending] = useActionState<SignInState, FormData>(signInWithPassword, { ok: false });
  useFollowRedirect(pw);
  const [link, linkAction, linkPending] = useActionState<SignInState, FormData>(sendSignInLink, { ok: false });
  const pwError = useId();
  const linkError = useId();
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section aria-labelledby="pw-title" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="pw-title" className="text-xl font-semibold">
          {t("passwordTitle")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t("passwordHint")}</p>
        <form action={pwAction} className="mt-4 space-y-4" aria-describedby={pw.code ? pwError : undefined}>
          <input type="hidden" name="next" value={next} />
          <label className="block">
            <span className="font-semibold">{t("email")}</span>
            <input name="email" type="email" autoComplete="username" required defaultValue={pw.email} className={input} />
          </label>
          <label className="block">
            <span className="font-semibold">{t("password")}</span>
            <input name="password" type="password" autoComplete="current-password" required className={input} />
          </label>
          {pw.needTotp ? (
            <label className="block">
              <span className="font-semibold">{t("totp")}</span>
              <input name="totp" inputMode="numeric" pattern="[0-9]{6}" autoComplete="one-time-code" required className={input} />
            </label>
          ) : null}
          <ErrorText id={pwError} code={pw.code === "totp_required" && !pw.needTotp ? undefined : pw.code} />
          <button type="submit" className={button} disabled={pwPending}>
            {t("signIn")}
          </button>
        </form>
        <p className="mt-4">
          <Link href="/accedi/password-dimenticata" className="text-brand underline">
            {t("forgot")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="link-title" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="link-title" className="text-xl font-semibold">
          {t("linkTitle")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t("linkHint")}</p>
        {link.sent ? (
          <p role="status" className="mt-4 rounded bg-green-50 p-3 font-semibold text-green-900">
            {t("linkSent", { email: link.email ?? "" })}
          </p>
        ) : (
          <form action={linkAction} className="mt-4 space-y-4">
            <input type="hidden" name="next" value={next} />
            <label className="block">
              <span className="font-semibold">{t("email")}</span>
              <input name="email" type="email" autoComplete="email" required defaultValue={link.email} className={input} />
            </label>
            <ErrorText id={linkError} code={link.code} />
            <button type="submit" className={button} disabled={linkPending}>
              {t("sendLink")}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
