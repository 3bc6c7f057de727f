import { getTranslations } from "next-intl/server";
import { OfficesEditor } from "@/components/settings/offices-editor";
import { SettingsShell } from "@/components/settings/settings-shell";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.offices") };
}

export default async function OfficesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor, ctx } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const { offices } = await listConfig({ ctx });
  return (
    <SettingsShell actor={actor} current="offices" title={t("nav.offices")} intro={t("offices.intro")}>
      <OfficesEditor offices={offices} />
    </SettingsShell>
  );
}
