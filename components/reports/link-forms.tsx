"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import type { UploadedFile } from "@/components/report-form/draft";
import { FileUploader } from "@/components/report-form/file-uploader";
import type { ActionResult } from "@/lib/errors";
import { FormMessage, SubmitButton, TextField } from "./form-parts";

type State = (ActionResult<unknown> & { values?: Record<string, string> }) | null;
type Action = (prev: State, form: FormData) => Promise<State>;

/** Second step of an emailed link: a button (POST), so link prefetchers never act on a citizen's behalf. */
export function ConfirmForm({ token, code, purpose, action }: { token: string; code: string; purpose: string; action: Action }) {
  const t = useTranslations("citizens.confirm");
  const [state, formAction, pending] = useActionState(action, null);
  const data = state?.ok ? (state.data as { alreadyDone: boolean }) : null;
  const done = purpose === "comment" ? "doneComment" : purpose === "support" ? "doneSupport" : "doneFollow";
  if (data) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} success={data.alreadyDone ? t("already") : t(done, { code })} />
        <Link href={`/segnalazioni/${code}`} className="underline">
          {t("goToReport", { code })}
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>{t("button")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function UnsubscribeForm({ followerId, token, code, action }: { followerId: string; token: string; code: string; action: Action }) {
  const t = useTranslations("citizens.unsubscribe");
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <FormMessage state={state} success={t("done", { code })} />;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="f" value={followerId} />
      <input type="hidden" name="t" value={token} />
      <SubmitButton pending={pending}>{t("button")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function RateForm({ code, token, action }: { code: string; token: string; action: Action }) {
  const t = useTranslations("citizens.rate");
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    const reopened = (state.data as { reopened: boolean }).reopened;
    return <FormMessage state={state} success={reopened ? t("reopened") : t("thanks")} />;
  }
  const errors = state?.fieldErrors;
  const values = state?.values;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="t" value={token} />
      <fieldset className="space-y-2" aria-describedby={errors?.score ? "score-error" : undefined}>
        <legend className="font-semibold">{t("scoreLegend")}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="flex items-center gap-2">
            <input type="radio" name="score" value={n} defaultChecked={values?.score === String(n)} className="h-5 w-5" />
            {t(`score${n}` as "score1")}
          </label>
        ))}
        {errors?.score ? <p id="score-error" className="text-sm font-semibold text-red-700">{errors.score[0]}</p> : null}
      </fieldset>
      <fieldset className="space-y-2" aria-describedby={errors?.fixed ? "fixed-error" : undefined}>
        <legend className="font-semibold">{t("fixedLegend")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="fixed" value="true" defaultChecked={values?.fixed === "true"} className="h-5 w-5" />
          {t("fixedYes")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="fixed" value="false" defaultChecked={values?.fixed === "false"} className="h-5 w-5" />
          {t("fixedNo")}
        </label>
        {errors?.fixed ? <p id="fixed-error" className="text-sm font-semibold text-red-700">{errors.fixed[0]}</p> : null}
      </fieldset>
      <TextField name="comment" multiline maxLength={1000} label={t("comment")} defaultValue={values?.comment} errors={errors} />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * Text and/or photos from the reporter. Photos go through the same XHR uploader as the new-report form
 * (POST /api/uploads with this form's owner key, progress shown); the verb claims them with that key.
 */
export function AddInfoForm({ code, token, reportPath, action }: { code: string; token: string; reportPath: string; action: Action }) {
  const t = useTranslations("citizens.info");
  const tf = useTranslations("reportForm");
  const [state, formAction, pending] = useActionState(action, null);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const ownerKey = useRef<string | null>(null);
  // Created on first use in the browser only, so server and client renders never disagree.
  const getOwnerKey = () => (ownerKey.current ??= `${crypto.randomUUID()}${crypto.randomUUID()}`);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} success={t("done")} />
        <Link href={reportPath} className="underline">
          {t("goToReport", { code })}
        </Link>
      </div>
    );
  }
  const photoError = state?.fieldErrors?.photos?.[0];
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="t" value={token} />
      <TextField name="body" multiline maxLength={2000} label={t("label")} defaultValue={state?.values?.body} errors={state?.fieldErrors} />
      <FileUploader
        kind="photo"
        uploads={files}
        onUploaded={(f) => setFiles((list) => [...list, f])}
        onRemove={(id) => setFiles((list) => list.filter((f) => f.id !== id))}
        onUploadingChange={(delta) => setUploading((n) => n + delta)}
        ownerKey={getOwnerKey}
        t={tf}
      />
      {files.map((f) => (
        <input key={f.id} type="hidden" name="uploadIds" value={f.id} />
      ))}
      {files.length ? <input type="hidden" name="uploadOwnerKey" value={getOwnerKey()} /> : null}
      {photoError ? (
        <p role="alert" className="font-semibold text-red-800">
          {photoError}
        </p>
      ) : null}
      {uploading > 0 ? (
        <p role="status" className="text-sm text-muted">
          {t("uploading")}
        </p>
      ) : null}
      <SubmitButton pending={pending || uploading > 0}>{t("submit")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
