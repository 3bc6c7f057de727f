"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/errors";
import { FormMessage, SubmitButton, TextField } from "./form-parts";

type State = (ActionResult<unknown> & { values?: Record<string, string> }) | null;
type Action = (prev: State, form: FormData) => Promise<State>;

function statusOf(state: State): string | null {
  if (!state?.ok) return null;
  return (state.data as { status?: string } | undefined)?.status ?? null;
}

type FormProps = { code: string; action: Action; signedInEmail: string | null };

/**
 * The email field for visitors; a signed-in citizen acts as their account (the server ignores any typed
 * address for them), so they only see which address is used.
 */
function EmailOrAccount({ signedInEmail, state }: { signedInEmail: string | null; state: State }) {
  const t = useTranslations("citizens.engage");
  if (signedInEmail) return <p className="text-sm text-muted">{t("signedInAs", { email: signedInEmail })}</p>;
  return (
    <TextField
      name="email"
      type="email"
      autoComplete="email"
      label={t("emailLabel")}
      hint={t("emailHint")}
      defaultValue={state?.ok ? undefined : state?.values?.email}
      errors={state?.ok ? undefined : state?.fieldErrors}
      required
    />
  );
}

/**
 * Moves focus to the section named in the URL's fragment (#sostieni, #segui: the duplicate prompt of the
 * report form links there), so keyboard and screen-reader users land on the form, not at the page top.
 */
export function FocusFragment({ ids }: { ids: string[] }) {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!ids.includes(id)) return;
    document.getElementById(id)?.focus();
  }, [ids]);
  return null;
}

/** "Anche io": one per person, confirmed by email (at once when signed in). */
export function SupportForm({ code, action, signedInEmail }: FormProps) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const status = statusOf(state);
  const success =
    status === "pending_confirmation" ? t("supportPending") : status === "already_supported" ? t("supportAlready") : t("supportDone");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="code" value={code} />
      <p>{t("supportIntro")}</p>
      <EmailOrAccount signedInEmail={signedInEmail} state={state} />
      <SubmitButton pending={pending}>{t("supportButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}

/** Follow the report by email (confirmed by a link; at once when signed in). */
export function FollowForm({ code, action, signedInEmail }: FormProps) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const success = statusOf(state) === "following" ? t("followDone") : t("followPending");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="code" value={code} />
      <p>{t("followIntro")}</p>
      <EmailOrAccount signedInEmail={signedInEmail} state={state} />
      <SubmitButton pending={pending}>{t("followButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}

/** A public comment, published once the address is confirmed (at once when signed in). */
export function CommentForm({ code, action, max, signedInEmail }: FormProps & { max: number }) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const success = statusOf(state) === "published" ? t("commentDone") : t("commentPending");
  const values = state?.ok ? undefined : state?.values;
  return (
    <form action={formAction} className="space-y-3" noValidate key={state?.ok ? "sent" : "editing"}>
      <input type="hidden" name="code" value={code} />
      <TextField name="body" multiline maxLength={max} label={t("commentLabel")} hint={t("commentHint", { max })} defaultValue={values?.body} errors={state?.ok ? undefined : state?.fieldErrors} required />
      <EmailOrAccount signedInEmail={signedInEmail} state={state} />
      <SubmitButton pending={pending}>{t("commentButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}
