import { getTranslations } from "next-intl/server";
import { SettingsShell } from "@/components/settings/settings-shell";
import { TemplatesEditor } from "@/components/settings/templates-editor";
import { REPORT_STATUSES } from "@/db/schema/reports";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.templates") };
}

export default async function TemplatesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor, ctx } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const { templates } = await listConfig({ ctx });
  return (
    <SettingsShell actor={actor} current="templates" title={t("nav.templates")} intro={t("templates.intro")}>
      <TemplatesEditor templates={templates} statuses={REPORT_STATUSES} />
    </SettingsShell>
  );
}
