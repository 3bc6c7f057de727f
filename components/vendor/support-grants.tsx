import { getFormatter, getTranslations } from "next-intl/server";
import type { SupportGrantView } from "@/lib/vendor/support-access";

/** The comune's side of support access: every grant, past and active, with who, why, until when and its state. */
export async function SupportGrants({ grants, headingLevel = 2 }: { grants: SupportGrantView[]; headingLevel?: 2 | 3 }) {
  const [t, format] = await Promise.all([getTranslations("billing"), getFormatter()]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" });
  return (
    <section aria-labelledby="support-grants-title" className="space-y-2">
      <Heading id="support-grants-title" className="text-xl font-semibold">{t("supportTitle")}</Heading>
      <p>{t("supportBody")}</p>
      {grants.length === 0 ? (
        <p>{t("noSupport")}</p>
      ) : (
        <ul className="space-y-1" data-testid="support-grants">
          {grants.map((g) => (
            <li key={g.id} className={g.state === "active" ? "font-semibold" : undefined}>
              {t("supportGrantFull", { when: when(g.createdAt), until: when(g.revokedAt ?? g.expiresAt), who: g.vendorName ?? "—", reason: g.reason })}{" "}
              <span className={`rounded px-2 text-sm ${g.state === "active" ? "bg-purple-900 text-white" : "bg-gray-200 text-gray-900"}`}>{t(`supportStates.${g.state}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
