import { getTranslations } from "next-intl/server";
import { SettingsShell } from "@/components/settings/settings-shell";
import { StaffEditor } from "@/components/settings/staff-editor";
import { staffPage } from "@/lib/auth/staff-page";
import { listConfig } from "@/lib/config/list-config";
import { listStaff } from "@/lib/staff/list-staff";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("nav.staff") };
}

export default async function StaffPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor, ctx } = await staffPage(params, "staff.manage");
  const t = await getTranslations("settings");
  const [list, lists] = [await listStaff({ ctx }), await listConfig({ ctx })];
  return (
    <SettingsShell actor={actor} current="staff" title={t("nav.staff")} intro={t("staff.intro")}>
      <StaffEditor
        list={list}
        selfId={actor.userId}
        offices={lists.offices.map((o) => ({ value: o.id, label: o.name }))}
        organisations={lists.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
    </SettingsShell>
  );
}
