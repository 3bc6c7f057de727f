import { getTranslations } from "next-intl/server";
import { AreaForm } from "@/components/settings/area-form";
import { AreaPreview } from "@/components/settings/area-preview";
import { SettingsShell } from "@/components/settings/settings-shell";
import { staffPage } from "@/lib/auth/staff-page";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.area") };
}

export default async function AreaPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, actor } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const geojson = tenant.boundary ? JSON.stringify(tenant.boundary, null, 1) : "";
  return (
    <SettingsShell actor={actor} current="area" title={t("nav.area")} intro={t("area.intro")}>
      {tenant.boundary ? (
        <AreaPreview boundary={tenant.boundary} centre={{ lat: tenant.centreLat, lng: tenant.centreLng }} label={t("area.preview", { name: tenant.name })} />
      ) : (
        <p>{t("area.none")}</p>
      )}
      <AreaForm geojson={geojson} />
    </SettingsShell>
  );
}
