"use client";

import { useTranslations } from "next-intl";

/** Unexpected errors: a generic message and the digest to quote to support, never the internal text. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-bold">{t("generic")}</h1>
      {error.digest ? <p className="text-muted">{t("reference", { id: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="self-start rounded bg-blue-800 px-4 py-2 text-white">
        {t("retry")}
      </button>
    </main>
  );
}
