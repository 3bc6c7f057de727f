import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listPlatformAudit, listPlatformAuditFacets, platformAuditFilterInput } from "@/lib/vendor/list-platform-audit";
import { requireVendorPage } from "@/lib/vendor/vendor-page";

type Search = { action?: string; actor?: string; tenant?: string; from?: string; to?: string; page?: string };

/** Platform audit: every vendor action, newest first, filtered by actor, action, comune and dates, paged. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireVendorPage();
  const sp = await searchParams;
  const parsed = platformAuditFilterInput.safeParse({ action: sp.action, actorUserId: sp.actor, tenantId: sp.tenant, from: sp.from, to: sp.to, page: sp.page });
  const filter = parsed.success ? parsed.data : { page: 1 };
  const [{ rows, page, hasNext }, facets, t, format] = await Promise.all([
    listPlatformAudit({ ctx: { actor }, input: filter }),
    listPlatformAuditFacets({ ctx: { actor } }),
    getTranslations("vendor"),
    getFormatter(),
  ]);
  const query = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ action: sp.action, actor: sp.actor, tenant: sp.tenant, from: sp.from, to: sp.to })) if (v) q.set(k, v);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  const input = "mt-1 block w-full rounded border border-gray-500 px-2 py-2";
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("audit")}</h1>
      <form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label={t("auditFilters")}>
        <label className="block">
          <span className="font-semibold">{t("auditActor")}</span>
          <select name="actor" defaultValue={sp.actor ?? ""} className={input}>
            <option value="">{t("all")}</option>
            {facets.actors.map((a) => <option key={a.id} value={a.id}>{a.email}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("auditAction")}</span>
          <select name="action" defaultValue={sp.action ?? ""} className={input}>
            <option value="">{t("all")}</option>
            {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("auditTenant")}</span>
          <select name="tenant" defaultValue={sp.tenant ?? ""} className={input}>
            <option value="">{t("all")}</option>
            {facets.comuni.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("auditFrom")}</span>
          <input type="date" name="from" defaultValue={sp.from ?? ""} className={input} />
        </label>
        <label className="block">
          <span className="font-semibold">{t("auditTo")}</span>
          <input type="date" name="to" defaultValue={sp.to ?? ""} className={input} />
        </label>
        <div className="flex items-end">
          <button type="submit" className="rounded bg-gray-900 px-4 py-2 font-semibold text-white">{t("filter")}</button>
        </div>
      </form>
      {!parsed.success ? <p role="alert" className="font-semibold text-red-800">{t("auditBadFilter")}</p> : null}
      {rows.length === 0 ? (
        <p role="status">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse text-left text-sm" data-testid="platform-audit">
            <caption className="sr-only">{t("audit")}</caption>
            <thead>
              <tr className="border-b border-gray-400">
                {(["when", "who", "what", "comune", "reason"] as const).map((c) => (
                  <th key={c} scope="col" className="py-2 pr-3">{t(`auditCols.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ event, actorEmail, tenantName }) => (
                <tr key={event.id} className="border-b border-gray-200 align-top">
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <time dateTime={event.createdAt.toISOString()}>{format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" })}</time>
                  </td>
                  <td className="py-2 pr-3">{actorEmail ?? "—"}</td>
                  <td className="py-2 pr-3">{event.action}</td>
                  <td className="py-2 pr-3">{event.targetTenantId && tenantName ? <Link href={`/comuni/${event.targetTenantId}`} className="text-blue-800 underline">{tenantName}</Link> : "—"}</td>
                  <td className="py-2 pr-3">{typeof event.data.reason === "string" ? event.data.reason : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("auditPaging")} className="flex gap-4">
        {page > 1 ? <Link href={query(page - 1)} className="text-blue-800 underline">{t("auditNewer")}</Link> : null}
        {hasNext ? <Link href={query(page + 1)} className="text-blue-800 underline">{t("auditOlder")}</Link> : null}
      </nav>
    </main>
  );
}
