import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { BulkForm } from "@/components/backoffice/bulk-form";
import { InboxMap } from "@/components/backoffice/inbox-map";
import { staffPageContext } from "@/components/backoffice/page-context";
import { StatusBadge } from "@/components/reports/status-badge";
import { can } from "@/lib/auth/permissions";
import { INBOX_SORTS, INBOX_TABS, inboxGeoJson, listInbox } from "@/lib/backoffice/list-inbox";
import { listBackofficeOptions } from "@/lib/backoffice/list-options";
import { mapConfig } from "@/lib/maps/config";
import { REPORT_CHANNELS } from "@/db/schema";
import { REPORT_STATUSES } from "@/lib/reports/statuses";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2";

export default async function InboxPage({ params, searchParams }: Props) {
  const ctx = await staffPageContext(params);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const view = raw.view === "map" ? "map" : "list";
  const [inbox, options, t, ts, format] = await Promise.all([
    listInbox({ ctx, input: raw }),
    listBackofficeOptions({ ctx }),
    getTranslations("backoffice"),
    getTranslations("status"),
    getFormatter(),
  ]);
  const f = inbox.filters;
  const query = (over: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...raw, ...over })) if (v !== undefined && v !== "") q.set(k, String(v));
    return `/ufficio?${q.toString()}`;
  };
  const isExternal = ctx.actor.role === "external";
  const tabs = INBOX_TABS.filter((tab) => !isExternal || tab === "mine" || tab === "overdue");
  const canHandle = can(ctx.actor.role, "reports.handle");
  // Whom this person may assign to (assignReport checks again): anyone handling reports for a supervisor,
  // otherwise the people of their own offices.
  const assignable = can(ctx.actor.role, "reports.triage")
    ? options.staff
    : options.staff.filter((p) => p.id === ctx.actor.userId || p.officeIds.some((o) => ctx.actor.officeIds.includes(o)));
  const geo = view === "map" ? await inboxGeoJson({ ctx, input: raw }) : null;

  const table = (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full text-left">
        <caption className="sr-only">{t("inbox.results", { count: inbox.total })}</caption>
        <thead className="border-b-2 border-gray-300 text-sm">
          <tr>
            {canHandle ? <th scope="col" className="p-2"><span className="sr-only">{t("inbox.selectAll")}</span></th> : null}
            <th scope="col" className="p-2">{t("inbox.code")}</th>
            <th scope="col" className="p-2">{t("inbox.subject")}</th>
            <th scope="col" className="p-2">{t("inbox.status")}</th>
            <th scope="col" className="hidden p-2 md:table-cell">{t("inbox.office")}</th>
            <th scope="col" className="hidden p-2 md:table-cell">{t("inbox.received")}</th>
            <th scope="col" className="hidden p-2 sm:table-cell">{t("inbox.due")}</th>
          </tr>
        </thead>
        <tbody>
          {inbox.rows.map((r) => {
            const overdue = r.dueAt && r.dueAt < inbox.now && ["new", "acknowledged", "in_progress"].includes(r.status);
            return (
              <tr key={r.id} className="border-b border-gray-200 align-top" data-testid="inbox-row">
                {canHandle ? (
                  <td className="p-2">
                    <input type="checkbox" name="reportIds" value={r.id} aria-label={t("inbox.select", { code: r.code })} className="h-5 w-5" />
                  </td>
                ) : null}
                <td className="p-2">
                  <Link href={`/ufficio/segnalazioni/${r.code}`} className="font-mono font-semibold text-brand underline">{r.code}</Link>
                </td>
                <td className="p-2">
                  <span className="block font-semibold">{r.title ?? r.categoryName}</span>
                  <span className="block text-sm text-muted">{r.categoryName}{r.address ? ` · ${r.address}` : ""}</span>
                  {r.callbackPendingSince ? <span className="mt-1 inline-block rounded bg-yellow-100 px-2 text-sm font-semibold text-yellow-900">{t("inbox.callbackPending")}</span> : null}
                  {r.priority === "high" || r.priority === "urgent" ? <span className="ml-1 mt-1 inline-block rounded bg-red-100 px-2 text-sm font-semibold text-red-900">{t(`priorities.${r.priority}`)}</span> : null}
                </td>
                <td className="p-2"><StatusBadge status={r.status} label={ts(r.status)} /></td>
                <td className="hidden p-2 text-sm md:table-cell">{r.officeName ?? "—"}{r.organisationName ? <span className="block text-muted">{r.organisationName}</span> : null}{r.assigneeName ? <span className="block text-muted">{r.assigneeName}</span> : null}</td>
                <td className="hidden p-2 text-sm md:table-cell">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                <td className="hidden p-2 text-sm sm:table-cell">
                  {r.dueAt ? format.dateTime(r.dueAt, { dateStyle: "short" }) : "—"}
                  {overdue ? <span className="block font-semibold text-red-800">{t("inbox.overdue")}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {inbox.rows.length === 0 ? <p className="p-4">{t("inbox.empty")}</p> : null}
    </div>
  );

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-5 p-4 pb-16">
      <h1 className="pt-2 text-3xl font-bold">{t("inbox.title")}</h1>
      <nav aria-label={t("inbox.tabs.label")}>
        <ul className="flex flex-wrap gap-2">
          {tabs.map((tab) => (
            <li key={tab}>
              <Link
                href={query({ tab, page: undefined })}
                aria-current={f.tab === tab ? "page" : undefined}
                data-testid={`tab-${tab}`}
                className={`inline-flex min-h-11 items-center gap-2 rounded-full border-2 px-4 font-semibold ${f.tab === tab ? "border-brand bg-brand text-white" : "border-gray-500 bg-white"}`}
              >
                {tab === "mine" && isExternal ? t("inbox.tabs.mineExternal") : t(`inbox.tabs.${tab}`)}
                <span data-testid={`count-${tab}`}>{format.number(inbox.counts[tab])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <details className="rounded-lg bg-white p-4 shadow-sm" open={Boolean(f.q || f.status || f.category || f.office || f.assignee || f.channel || f.from || f.to)}>
        <summary className="cursor-pointer text-lg font-semibold">{t("inbox.filters")}</summary>
        <form method="get" action="/ufficio" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <input type="hidden" name="tab" value={f.tab} />
          <input type="hidden" name="view" value={view} />
          <div className="sm:col-span-2">
            <label htmlFor="f-q" className="block font-semibold">{t("inbox.search")}</label>
            <input id="f-q" name="q" type="search" defaultValue={f.q} className={field} />
          </div>
          <div>
            <label htmlFor="f-status" className="block font-semibold">{t("inbox.status")}</label>
            <select id="f-status" name="status" defaultValue={f.status ?? ""} className={field}>
              <option value="">{t("inbox.any")}</option>
              {REPORT_STATUSES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-category" className="block font-semibold">{t("inbox.category")}</label>
            <select id="f-category" name="category" defaultValue={f.category ?? ""} className={field}>
              <option value="">{t("inbox.any")}</option>
              {options.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-office" className="block font-semibold">{t("inbox.office")}</label>
            <select id="f-office" name="office" defaultValue={f.office ?? ""} className={field}>
              <option value="">{t("inbox.any")}</option>
              {options.offices.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-assignee" className="block font-semibold">{t("inbox.assignee")}</label>
            <select id="f-assignee" name="assignee" defaultValue={f.assignee ?? ""} className={field}>
              <option value="">{t("inbox.any")}</option>
              <option value="none">{t("inbox.unassignedPerson")}</option>
              {options.staff.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-channel" className="block font-semibold">{t("inbox.channel")}</label>
            <select id="f-channel" name="channel" defaultValue={f.channel ?? ""} className={field}>
              <option value="">{t("inbox.any")}</option>
              {REPORT_CHANNELS.map((c) => <option key={c} value={c}>{t(`channels.${c}`)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-from" className="block font-semibold">{t("inbox.from")}</label>
            <input id="f-from" name="from" type="date" defaultValue={f.from} className={field} />
          </div>
          <div>
            <label htmlFor="f-to" className="block font-semibold">{t("inbox.to")}</label>
            <input id="f-to" name="to" type="date" defaultValue={f.to} className={field} />
          </div>
          <div>
            <label htmlFor="f-sort" className="block font-semibold">{t("inbox.sort")}</label>
            <select id="f-sort" name="sort" defaultValue={f.sort} className={field}>
              {INBOX_SORTS.map((s) => <option key={s} value={s}>{t(`inbox.sorts.${s}`)}</option>)}
            </select>
          </div>
          <div className="flex items-end gap-3">
            <button type="submit" className="min-h-11 rounded bg-brand px-4 py-2 font-semibold text-white">{t("inbox.apply")}</button>
            <Link href={`/ufficio?tab=${f.tab}`} className="min-h-11 py-2 underline">{t("inbox.reset")}</Link>
          </div>
        </form>
      </details>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="font-semibold" data-testid="inbox-total">{t("inbox.results", { count: inbox.total })}</p>
        <p className="flex gap-2">
          <Link href={query({ view: "list" })} aria-current={view === "list" ? "page" : undefined} className="underline">{t("inbox.listView")}</Link>
          <Link href={query({ view: "map" })} aria-current={view === "map" ? "page" : undefined} className="underline">{t("inbox.mapView")}</Link>
        </p>
      </div>

      {geo ? (
        <section className="space-y-2">
          <InboxMap config={mapConfig()} center={{ lat: ctx.tenant.centreLat, lng: ctx.tenant.centreLng }} data={geo} label={t("inbox.mapLabel")} />
          <p className="text-sm text-muted">{t("inbox.mapLimit")}</p>
        </section>
      ) : null}

      {canHandle ? (
        <BulkForm
          people={assignable.map((p) => ({ value: p.id, label: p.name }))}
          offices={options.offices.map((o) => ({ value: o.id, label: o.name }))}
          canTriage={can(ctx.actor.role, "reports.triage")}
        >
          {table}
        </BulkForm>
      ) : (
        table
      )}

      {inbox.pages > 1 ? (
        <nav aria-label={t("inbox.pagination")} className="flex items-center gap-4">
          {f.page > 1 ? <Link href={query({ page: f.page - 1 })} className="underline">{t("inbox.previous")}</Link> : null}
          <span>{t("inbox.pageOf", { page: f.page, pages: inbox.pages })}</span>
          {f.page < inbox.pages ? <Link href={query({ page: f.page + 1 })} className="underline">{t("inbox.next")}</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}
