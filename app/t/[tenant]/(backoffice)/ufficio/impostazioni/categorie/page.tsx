import { getTranslations } from "next-intl/server";
import { CategoriesEditor } from "@/components/settings/categories-editor";
import { SettingsShell } from "@/components/settings/settings-shell";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.categories") };
}

export default async function CategoriesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor, ctx } = await staffPage(params, "config.write");
  const t = await getTranslations("settings");
  const lists = await listConfig({ ctx });
  return (
    <SettingsShell actor={actor} current="categories" title={t("nav.categories")} intro={t("categories.intro")}>
      <CategoriesEditor
        tree={lists.categories}
        offices={lists.offices.map((o) => ({ value: o.id, label: o.name }))}
        organisations={lists.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
    </SettingsShell>
  );
}
