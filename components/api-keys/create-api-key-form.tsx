"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { createApiKeyAction, type CreateKeyState } from "@/app/t/[tenant]/(backoffice)/ufficio/impostazioni/api/actions";

/** Names a new key; the full key is shown once, right after creation, and never again. */
export function CreateApiKeyForm() {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, { ok: null });
  const errorId = useId();
  const failed = state.ok === false;
  return (
    <section aria-labelledby="new-key-title" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="new-key-title" className="text-xl font-semibold">
        {t("createTitle")}
      </h2>
      <form action={action} className="mt-4 space-y-4">
        <label className="block">
          <span className="font-semibold">{t("nameLabel")}</span>
          <span className="block text-sm">{t("nameHint")}</span>
          <input
            name="name"
            required
            maxLength={80}
            defaultValue={state.ok === true ? "" : state.name}
            aria-invalid={failed || undefined}
            aria-describedby={failed ? errorId : undefined}
            className="mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base"
          />
        </label>
        {failed ? (
          <p id={errorId} role="alert" className="font-semibold text-red-800">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white disabled:opacity-60">
          {t("create")}
        </button>
      </form>
      {state.ok === true ? (
        <div role="status" className="mt-4 rounded border-2 border-green-800 p-4">
          <p className="font-semibold">{t("createdOnce", { name: state.data.name })}</p>
          <p className="mt-2 break-all font-mono text-lg" data-testid="new-api-key">
            {state.data.key}
          </p>
        </div>
      ) : null}
    </section>
  );
}
