import { getTranslations } from "next-intl/server";
import { AreaEditor } from "@/components/onboarding/area-editor";
import { AreaPreview } from "@/components/settings/area-preview";
import { SettingsShell } from "@/components/settings/settings-shell";
import { staffPage } from "@/lib/auth/staff-page";
import { mapConfig } from "@/lib/maps/config";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.area") };
}

export default async function AreaPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, actor } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  return (
    <SettingsShell actor={actor} current="area" title={t("nav.area")} intro={t("area.intro")}>
      {tenant.boundary ? (
        <AreaPreview boundary={tenant.boundary} centre={{ lat: tenant.centreLat, lng: tenant.centreLng }} label={t("area.preview", { name: tenant.name })} />
      ) : (
        <p>{t("area.none")}</p>
      )}
      <AreaEditor map={mapConfig()} boundary={tenant.boundary ?? null} centre={{ lat: tenant.centreLat, lng: tenant.centreLng }} />
    </SettingsShell>
  );
}
