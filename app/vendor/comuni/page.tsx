import { getFormatter, getTranslations } from "next-intl/server";
import { PLAN_IDS } from "@/lib/billing/plans";
import { TENANT_STATUSES } from "@/db/schema";
import { vendorCan } from "@/lib/vendor/permissions";
import { listRegions, listTenants, listTenantsInput } from "@/lib/vendor/list-tenants";
import { requireVendorPage } from "@/lib/vendor/vendor-page";

/** Tenants list with search and filters (status, plan, region) and the usage figures. */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireVendorPage();
  const sp = await searchParams;
  const parsed = listTenantsInput.safeParse({ q: sp.q, status: sp.status ?? "", plan: sp.plan ?? "", region: sp.region || undefined });
  const filters = parsed.success ? parsed.data : {};
  const [rows, regions, t, format] = await Promise.all([listTenants({ ctx: { actor }, input: filters }), listRegions({ ctx: { actor } }), getTranslations("vendor"), getFormatter()]);
  const money = (c: number) => format.number(c / 100, { style: "currency", currency: "EUR" });
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short" }) : "—");
  const select = "mt-1 block rounded border border-gray-500 px-2 py-2";
  // Money figures only for roles that may read billing (not support).
  const showMrr = vendorCan(actor.role, "billing.read");
  const columns = ["name", "population", "plan", "status", "trialEnds", ...(showMrr ? ["mrr"] : []), "reportsMonth", "staff", "storage", "lastActivity"];
  return (
    <main id="main" className="mx-auto max-w-7xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("tenants")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="block">
          <span className="font-semibold">{t("search")}</span>
          <input name="q" defaultValue={sp.q} className="mt-1 block rounded border border-gray-500 px-3 py-2" />
        </label>
        <label className="block">
          <span className="font-semibold">{t("status")}</span>
          <select name="status" defaultValue={sp.status ?? ""} className={select}>
            <option value="">{t("all")}</option>
            {TENANT_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("plan")}</span>
          <select name="plan" defaultValue={sp.plan ?? ""} className={select}>
            <option value="">{t("all")}</option>
            {PLAN_IDS.map((p) => <option key={p} value={p}>{t(`plans.${p}`)}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("region")}</span>
          <select name="region" defaultValue={sp.region ?? ""} className={select}>
            <option value="">{t("all")}</option>
            {regions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-gray-900 px-4 py-2 font-semibold text-white">{t("filter")}</button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[64rem] border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-gray-400">
              {columns.map((c) => (
                <th key={c} scope="col" className="py-2 pr-3">{t(`cols.${c}` as "cols.name")}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-gray-200" data-testid="tenant-row">
                <td className="py-2 pr-3"><a href={`/comuni/${r.id}`} className="font-semibold text-blue-800 underline">{r.name}</a> <span className="text-muted">({r.province}) · {r.slug}</span></td>
                <td className="py-2 pr-3">{r.population != null ? format.number(r.population) : "—"}</td>
                <td className="py-2 pr-3">{r.plan ? t(`plans.${r.plan}` as "plans.s") : "—"}</td>
                <td className="py-2 pr-3">{t(`statuses.${r.status}` as "statuses.active")}</td>
                <td className="py-2 pr-3">{date(r.trialEndsAt)}</td>
                {r.mrrCents !== null ? <td className="py-2 pr-3" data-testid="tenant-mrr">{money(r.mrrCents)}</td> : null}
                <td className="py-2 pr-3">{r.reportsThisMonth}</td>
                <td className="py-2 pr-3">{r.staffCount}</td>
                <td className="py-2 pr-3">{format.number(r.storageBytes / 1_048_576, { maximumFractionDigits: 1 })} MB</td>
                <td className="py-2 pr-3">{date(r.lastActivity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="mt-2">{t("none")}</p> : null}
      </div>
    </main>
  );
}
