import { getTranslations } from "next-intl/server";
import { OrganisationsEditor } from "@/components/settings/organisations-editor";
import { SettingsShell } from "@/components/settings/settings-shell";
import { ORGANISATION_KINDS } from "@/db/schema/organisation";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.organisations") };
}

export default async function OrganisationsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor, ctx } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const { organisations } = await listConfig({ ctx });
  return (
    <SettingsShell actor={actor} current="organisations" title={t("nav.organisations")} intro={t("organisations.intro")}>
      <OrganisationsEditor organisations={organisations} kinds={ORGANISATION_KINDS} />
    </SettingsShell>
  );
}
