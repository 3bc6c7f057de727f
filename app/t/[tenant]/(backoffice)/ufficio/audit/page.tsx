import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SettingsShell } from "@/components/settings/settings-shell";
import { auditFilterInput, listAuditActors, listAuditEvents } from "@/lib/audit/list-audit-events";
import { SupportGrants } from "@/components/vendor/support-grants";
import { staffPage } from "@/lib/auth/staff-page";
import { listSupportGrants } from "@/lib/vendor/support-access";

type Search = { action?: string; actor?: string; from?: string; to?: string; page?: string };

const TARGET_PAGES: Record<string, string> = {
  office: "/ufficio/impostazioni/uffici",
  organisation: "/ufficio/impostazioni/organizzazioni",
  category: "/ufficio/impostazioni/categorie",
  template: "/ufficio/impostazioni/modelli",
  user: "/ufficio/impostazioni/personale",
  invitation: "/ufficio/impostazioni/personale",
  tenant: "/ufficio/impostazioni",
};
const FILTER_ACTIONS = ["office", "organisation", "category", "template", "staff", "settings", "profile", "report"];

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("audit.title") };
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { actor, ctx } = await staffPage(params, "audit.read");
  const t = await getTranslations("settings");
  const format = await getFormatter();
  const sp = await searchParams;
  const parsed = auditFilterInput.safeParse({ action: sp.action || undefined, actorUserId: sp.actor || undefined, from: sp.from, to: sp.to, page: sp.page });
  const filter = parsed.success ? parsed.data : { page: 1 };
  const [{ events, hasNext, page }, actors, grants] = await Promise.all([listAuditEvents({ ctx, input: filter }), listAuditActors({ ctx }), listSupportGrants({ ctx })]);
  const query = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ action: sp.action, actor: sp.actor, from: sp.from, to: sp.to })) if (v) q.set(k, v);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  const label = (action: string) => (t.has(`audit.actions.${action}` as never) ? t(`audit.actions.${action}` as never) : action);
  const input = "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2";
  return (
    <SettingsShell actor={actor} current="audit" title={t("audit.title")} intro={t("audit.intro")}>
      <form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-5" aria-label={t("audit.filters")}>
        <label className="block">
          <span className="font-semibold">{t("audit.action")}</span>
          <select name="action" defaultValue={sp.action ?? ""} className={input}>
            <option value="">{t("audit.all")}</option>
            {FILTER_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.groups.${a}` as never)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("audit.actor")}</span>
          <select name="actor" defaultValue={sp.actor ?? ""} className={input}>
            <option value="">{t("audit.all")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name ?? a.id}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="font-semibold">{t("audit.from")}</span>
          <input type="date" name="from" defaultValue={sp.from ?? ""} className={input} />
        </label>
        <label className="block">
          <span className="font-semibold">{t("audit.to")}</span>
          <input type="date" name="to" defaultValue={sp.to ?? ""} className={input} />
        </label>
        <div className="flex items-end">
          <button type="submit" className="inline-flex min-h-11 items-center rounded bg-brand px-4 py-2 font-semibold text-white">
            {t("audit.apply")}
          </button>
        </div>
      </form>
      {!parsed.success ? (
        <p role="alert" className="font-semibold text-red-800">
          {t("audit.badFilter")}
        </p>
      ) : null}
      {events.length === 0 ? (
        <p role="status">{t("audit.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left">
            <caption className="sr-only">{t("audit.caption")}</caption>
            <thead className="border-b border-gray-300">
              <tr>
                <th scope="col" className="p-2">{t("audit.when")}</th>
                <th scope="col" className="p-2">{t("audit.who")}</th>
                <th scope="col" className="p-2">{t("audit.what")}</th>
                <th scope="col" className="p-2">{t("audit.target")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const code = typeof e.data?.code === "string" ? e.data.code : null;
                const href = e.targetType === "report" && code ? `/ufficio/segnalazioni/${code}` : e.targetType ? TARGET_PAGES[e.targetType] : undefined;
                const name = ["name", "title", "email", "code"].map((k) => e.data?.[k]).find((v) => typeof v === "string") as string | undefined;
                return (
                  <tr key={e.id} className={`border-b border-gray-200 align-top ${e.actorKind === "vendor" ? "bg-amber-50" : ""}`}>
                    <td className="p-2 whitespace-nowrap">
                      <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Rome" })}</time>
                    </td>
                    <td className="p-2">
                      {e.actorName ?? t(`audit.kinds.${e.actorKind}` as never)}
                      {e.actorKind === "vendor" ? (
                        <strong className="ml-2 rounded bg-amber-200 px-2 text-sm text-ink">{t("audit.vendorSupport")}</strong>
                      ) : null}
                    </td>
                    <td className="p-2">{label(e.action)}</td>
                    <td className="p-2">{href ? <Link href={href} className="text-brand underline">{name ?? t("audit.open")}</Link> : (name ?? "—")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("audit.paging")} className="flex gap-3">
        {page > 1 ? <Link href={query(page - 1)} className="text-brand underline">{t("audit.newer")}</Link> : null}
        {hasNext ? <Link href={query(page + 1)} className="text-brand underline">{t("audit.older")}</Link> : null}
      </nav>
      <SupportGrants grants={grants} />
    </SettingsShell>
  );
}
