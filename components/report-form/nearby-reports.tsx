"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { lookupNearby } from "@/app/t/[tenant]/(public)/segnala/actions";
import type { Nearby } from "./draft";

type Props = { categoryId: string; lat: number; lng: number };

/**
 * "È già stato segnalato?" — open public reports of the same category within 250 m of the pin. Supporting
 * or following one happens on its page (part of the public report pages); the draft stays in this tab's
 * storage, so coming back resumes the form.
 */
export function NearbyReports({ categoryId, lat, lng }: Props) {
  const t = useTranslations("reportForm");
  const ts = useTranslations("status");
  const format = useFormatter();
  const [reports, setReports] = useState<Nearby[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    lookupNearby({ categoryId, lat, lng })
      .then((r) => {
        if (!cancelled) setReports(r.ok ? r.data : []);
      })
      // The check helps the citizen; when it fails the form goes on without it.
      .catch(() => !cancelled && setReports([]));
    return () => {
      cancelled = true;
    };
  }, [categoryId, lat, lng]);

  if (!reports?.length) return null;
  return (
    <section aria-labelledby="nearby-title" className="space-y-3 rounded-md border-2 border-amber-600 bg-amber-50 p-4" data-testid="nearby-reports">
      <h3 id="nearby-title" className="text-xl font-semibold">
        {t("nearbyTitle")}
      </h3>
      <p>{t("nearbyIntro", { count: reports.length })}</p>
      <ul className="space-y-3">
        {reports.map((r) => (
          <li key={r.code} className="rounded-md bg-white p-3 shadow-sm">
            <p className="font-semibold">{r.title ?? r.description.slice(0, 80)}</p>
            <p className="text-sm text-muted">
              <span className="font-mono">{r.code}</span> · {ts(r.status)} · {t("nearbyDistance", { metres: r.distanceMetres })}
              {r.address ? ` · ${r.address}` : ""} · {format.dateTime(new Date(r.createdAt), { dateStyle: "medium" })}
            </p>
            {r.title && <p className="mt-1 line-clamp-3 whitespace-pre-line">{r.description}</p>}
            <p className="mt-1 text-sm">{t("nearbySupports", { count: r.supportCount })}</p>
            <div className="mt-2 flex flex-wrap gap-3">
              <a href={`/segnalazioni/${encodeURIComponent(r.code)}#sostieni`} className="font-semibold text-brand underline">
                {t("nearbySupport")}
                <span className="sr-only"> — {r.code}</span>
              </a>
              <a href={`/segnalazioni/${encodeURIComponent(r.code)}#segui`} className="font-semibold text-brand underline">
                {t("nearbyFollow")}
                <span className="sr-only"> — {r.code}</span>
              </a>
            </div>
          </li>
        ))}
      </ul>
      <p className="font-semibold">{t("nearbyContinue")}</p>
    </section>
  );
}
