import { getFormatter, getTranslations } from "next-intl/server";
import type { StaffReport } from "@/lib/backoffice/get-staff-report";

/** Every step of the report, public and internal, with who and when; internal entries are marked. */
export async function ReportTimeline({ data }: { data: StaffReport }) {
  const t = await getTranslations("backoffice");
  const ts = await getTranslations("status");
  const format = await getFormatter();
  const status = (s: string | null) => (s ? ts(s as "new") : "—");
  const heading = (e: StaffReport["events"][number]["event"]) => {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case "status_changed":
        return t("report.events.status_changed", { from: status(e.fromStatus), to: status(e.toStatus) });
      case "assigned":
        if (d.target === "none") return t("report.events.unassigned", { label: String(d.label ?? "") });
        return t("report.events.assigned", { label: String(d.label ?? "") });
      case "public_reply":
        return t("report.events.public_reply", { author: e.actorLabel ?? "" });
      case "category_changed":
        return t("report.events.category_changed", { from: String(d.from ?? "—"), to: String(d.to ?? "") });
      case "merged":
        return t("report.events.merged", { code: String(d.duplicate ?? "") });
      case "internal_note":
        if (d.callbackDone) return t("report.events.callbackDone");
        if (d.external) return d.completed ? t("report.events.externalCompleted") : t("report.events.externalProgress");
        return t("report.events.internal_note");
      case "updated":
        if (d.field === "priority") return t("report.events.priority", { from: t(`priorities.${String(d.from)}` as "priorities.normal"), to: t(`priorities.${String(d.to)}` as "priorities.normal") });
        return t("report.events.position");
      default:
        return t(`report.events.${e.type}`);
    }
  };
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id="timeline-title" className="text-xl font-semibold">{t("report.timeline")}</h2>
      <ol className="mt-3 space-y-3" data-testid="timeline">
        {data.events.map(({ event: e, actorName }) => (
          <li key={e.id} className={`border-l-4 pl-3 ${e.visibility === "internal" ? "border-yellow-600 bg-yellow-50" : "border-brand"}`} data-testid="timeline-entry" data-visibility={e.visibility}>
            <p className="font-semibold">
              {heading(e)}{" "}
              <span className="ml-1 rounded bg-gray-200 px-1 text-xs font-semibold uppercase">{e.visibility === "internal" ? t("report.internal") : t("report.public")}</span>
            </p>
            <p className="text-sm text-muted">{t("report.by", { name: actorName ?? e.actorLabel ?? "—", date: format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
            {e.body ? <p className="mt-1 whitespace-pre-wrap">{e.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
