"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/errors";
import { FormMessage, SubmitButton, TextField } from "./form-parts";

type State = (ActionResult<unknown> & { values?: Record<string, string> }) | null;
type Action = (prev: State, form: FormData) => Promise<State>;

function statusOf(state: State): string | null {
  if (!state?.ok) return null;
  return (state.data as { status?: string } | undefined)?.status ?? null;
}

/** "Anche io": one per person, confirmed by email. */
export function SupportForm({ code, action }: { code: string; action: Action }) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const status = statusOf(state);
  const success =
    status === "pending_confirmation" ? t("supportPending") : status === "already_supported" ? t("supportAlready") : t("supportDone");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="code" value={code} />
      <p>{t("supportIntro")}</p>
      <TextField name="email" type="email" autoComplete="email" label={t("emailLabel")} hint={t("emailHint")} defaultValue={state?.values?.email} errors={state?.ok ? undefined : state?.fieldErrors} required />
      <SubmitButton pending={pending}>{t("supportButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}

/** Follow the report by email (confirmed by a link). */
export function FollowForm({ code, action }: { code: string; action: Action }) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const success = statusOf(state) === "following" ? t("followDone") : t("followPending");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="code" value={code} />
      <p>{t("followIntro")}</p>
      <TextField name="email" type="email" autoComplete="email" label={t("emailLabel")} hint={t("emailHint")} defaultValue={state?.values?.email} errors={state?.ok ? undefined : state?.fieldErrors} required />
      <SubmitButton pending={pending}>{t("followButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}

/** A public comment, published once the address is confirmed. */
export function CommentForm({ code, action, max }: { code: string; action: Action; max: number }) {
  const t = useTranslations("citizens.engage");
  const [state, formAction, pending] = useActionState(action, null);
  const success = statusOf(state) === "published" ? t("commentDone") : t("commentPending");
  const values = state?.ok ? undefined : state?.values;
  return (
    <form action={formAction} className="space-y-3" noValidate key={state?.ok ? "sent" : "editing"}>
      <input type="hidden" name="code" value={code} />
      <TextField name="body" multiline maxLength={max} label={t("commentLabel")} hint={t("commentHint", { max })} defaultValue={values?.body} errors={state?.ok ? undefined : state?.fieldErrors} required />
      <TextField name="email" type="email" autoComplete="email" label={t("emailLabel")} hint={t("emailHint")} defaultValue={values?.email} errors={state?.ok ? undefined : state?.fieldErrors} required />
      <SubmitButton pending={pending}>{t("commentButton")}</SubmitButton>
      <FormMessage state={state} success={success} />
    </form>
  );
}
