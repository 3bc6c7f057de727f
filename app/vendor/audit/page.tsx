import { getFormatter, getTranslations } from "next-intl/server";
import { listPlatformAudit } from "@/lib/vendor/list-platform-audit";
import { requireVendorPage } from "@/lib/vendor/vendor-page";

/** Platform audit: every vendor action, newest first. */
export default async function AuditPage() {
  const actor = await requireVendorPage();
  const [rows, t, format] = await Promise.all([listPlatformAudit({ ctx: { actor } }), getTranslations("vendor"), getFormatter()]);
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("audit")}</h1>
      <ul className="space-y-1 text-sm">
        {rows.map(({ event, actorEmail, tenantName }) => (
          <li key={event.id}>
            {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "short" })} · {event.action} · {actorEmail ?? "—"} · {tenantName ?? "—"}
            {typeof event.data.reason === "string" ? ` · ${event.data.reason}` : ""}
          </li>
        ))}
      </ul>
    </main>
  );
}
