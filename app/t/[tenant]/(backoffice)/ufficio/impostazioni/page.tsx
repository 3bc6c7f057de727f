import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReportSettingsForm } from "@/components/settings/report-settings-form";
import { SecurityForm } from "@/components/settings/security-form";
import { SettingsShell } from "@/components/settings/settings-shell";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";
import { DEFAULT_DESCRIPTION_MAX } from "@/lib/reports/create-report";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage({ params }: Props) {
  const { tenant, actor, ctx } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const lists = await listConfig({ ctx });
  const counts = [
    { href: "/ufficio/impostazioni/uffici", label: t("nav.offices"), n: lists.offices.length },
    { href: "/ufficio/impostazioni/organizzazioni", label: t("nav.organisations"), n: lists.organisations.length },
    { href: "/ufficio/impostazioni/categorie", label: t("nav.categories"), n: lists.categories.reduce((s, c) => s + 1 + c.children.length, 0) },
    { href: "/ufficio/impostazioni/modelli", label: t("nav.templates"), n: lists.templates.length },
  ];
  return (
    <SettingsShell actor={actor} current="overview" title={t("title")} intro={t("intro", { name: tenant.name })}>
      <ul className="grid gap-3 sm:grid-cols-2">
        {counts.map((c) => (
          <li key={c.href}>
            <Link href={c.href} className="block rounded-lg bg-white p-4 shadow-sm underline-offset-4 hover:underline">
              <span className="block text-lg font-semibold text-brand">{c.label}</span>
              <span className="text-muted">{t("count", { count: c.n })}</span>
            </Link>
          </li>
        ))}
      </ul>
      <section aria-labelledby="security" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="security" className="mb-3 text-xl font-semibold">
          {t("security.title")}
        </h2>
        <SecurityForm mfaRequired={Boolean(tenant.settings?.mfaRequired)} />
      </section>
      <section aria-labelledby="report-settings" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="report-settings" className="mb-3 text-xl font-semibold">
          {t("reportSettings.title")}
        </h2>
        <ReportSettingsForm
          descriptionMaxLength={tenant.settings?.descriptionMaxLength ?? DEFAULT_DESCRIPTION_MAX}
          commentsEnabled={tenant.settings?.commentsEnabled !== false}
        />
      </section>
    </SettingsShell>
  );
}
