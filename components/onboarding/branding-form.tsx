"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { updateBrandingAction, type BrandingState } from "@/app/t/[tenant]/(backoffice)/ufficio/benvenuto/actions";
import { contrastRatio } from "@/lib/onboarding/contrast";

/** Colour (live contrast check against white text) and emblem upload. */
export function BrandingForm({ primaryColor, emblemUrl }: { primaryColor: string; emblemUrl: string | null }) {
  const t = useTranslations("welcome");
  const [state, action, pending] = useActionState<BrandingState, FormData>(updateBrandingAction, { ok: null, primaryColor });
  const [color, setColor] = useState(state.primaryColor ?? primaryColor);
  const ratio = /^#[0-9a-fA-F]{6}$/.test(color) ? contrastRatio(color, "#ffffff") : 0;
  const colorId = useId();
  const emblemId = useId();
  return (
    <form action={action} className="mt-4 space-y-4">
      <div>
        <label htmlFor={colorId} className="font-semibold">
          {t("color")}
        </label>
        <div className="mt-1 flex items-center gap-3">
          <input id={colorId} type="color" name="primaryColor" value={color} onChange={(e) => setColor(e.target.value)} className="h-11 w-16 rounded border border-gray-500" aria-describedby={`${colorId}-contrast`} />
          <span className="rounded px-3 py-2 font-semibold text-white" style={{ backgroundColor: color }}>
            {t("preview")}
          </span>
        </div>
        <p id={`${colorId}-contrast`} aria-live="polite" className={ratio >= 4.5 ? "mt-1 text-green-900" : "mt-1 font-semibold text-red-800"}>
          {ratio >= 4.5 ? t("contrastOk", { ratio: ratio.toFixed(1) }) : t("contrastLow", { ratio: ratio.toFixed(1) })}
        </p>
        {state.fieldErrors?.primaryColor ? <p className="font-semibold text-red-800">{state.fieldErrors.primaryColor}</p> : null}
      </div>
      <div>
        <label htmlFor={emblemId} className="font-semibold">
          {t("emblem")}
        </label>
        <p id={`${emblemId}-hint`} className="text-sm text-muted">
          {t("emblemHint")}
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        {emblemUrl ? <img src={emblemUrl} alt={t("emblemCurrent")} className="my-2 h-16 w-auto" /> : null}
        <input id={emblemId} type="file" name="emblem" accept="image/png,image/jpeg,image/webp" aria-describedby={`${emblemId}-hint`} className="mt-1 block" />
        {state.fieldErrors?.emblem ? <p className="font-semibold text-red-800">{state.fieldErrors.emblem}</p> : null}
      </div>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "font-semibold text-green-900" : "font-semibold text-red-800"}>
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-[#0b5394] px-4 py-2 font-semibold text-white disabled:opacity-60">
        {t("save")}
      </button>
    </form>
  );
}
