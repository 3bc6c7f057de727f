import { getFormatter, getTranslations } from "next-intl/server";
import { getPlatformOverview } from "@/lib/vendor/platform-overview";
import { requireVendorPage } from "@/lib/vendor/vendor-page";

/** Platform overview: active comuni, MRR, trials ending this week, comuni with a failed payment. */
export default async function VendorHome() {
  const actor = await requireVendorPage();
  const [o, t, format] = await Promise.all([getPlatformOverview({ ctx: { actor } }), getTranslations("vendor"), getFormatter()]);
  const money = (c: number) => format.number(c / 100, { style: "currency", currency: "EUR" });
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("overview")}</h1>
      <dl className="grid gap-4 sm:grid-cols-4">
        {[
          ["activeComuni", String(o.activeComuni)],
          ["trialing", String(o.trialing)],
          ...(o.mrrCents === null ? [] : [["mrr", money(o.mrrCents)]]),
          ["suspendedCount", String(o.suspended)],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm">{t(k as "mrr")}</dt>
            <dd className="text-2xl font-bold" data-testid={`kpi-${k}`}>{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="trials">
        <h2 id="trials" className="text-xl font-semibold">{t("trialsEnding")}</h2>
        {o.trialsEndingThisWeek.length === 0 ? <p>{t("none")}</p> : (
          <ul className="mt-2 list-disc pl-6">
            {o.trialsEndingThisWeek.map((x) => <li key={x.id}><a className="text-blue-800 underline" href={`/comuni/${x.id}`}>{x.name}</a> · {x.trialEndsAt ? format.dateTime(x.trialEndsAt, { dateStyle: "medium" }) : ""}</li>)}
          </ul>
        )}
      </section>
      <section aria-labelledby="pastdue">
        <h2 id="pastdue" className="text-xl font-semibold">{t("pastDue")}</h2>
        {o.pastDue.length === 0 ? <p>{t("none")}</p> : (
          <ul className="mt-2 list-disc pl-6">
            {o.pastDue.map((x) => <li key={x.id}><a className="text-blue-800 underline" href={`/comuni/${x.id}`}>{x.name}</a> · {x.pastDueSince ? format.dateTime(x.pastDueSince, { dateStyle: "medium" }) : ""}</li>)}
          </ul>
        )}
      </section>
    </main>
  );
}
