import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/auth/password-reset-forms";
import { findInvitation } from "@/lib/staff/accept-invitation";
import { getTenant } from "@/lib/tenancy/get-tenant";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("invite.title") };
}

export default async function InvitationPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ token?: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const { token = "" } = await searchParams;
  const t = await getTranslations("auth");
  const tr = await getTranslations("settings.staff.roles");
  const invitation = await findInvitation(tenant, token);
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("invite.title")}</h1>
      {invitation ? (
        <>
          <p>{t("invite.intro", { name: tenant.name, email: invitation.email, role: tr(invitation.role) })}</p>
          <AcceptInvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} hasPassword={invitation.hasPassword} />
        </>
      ) : (
        <p role="alert" className="font-semibold text-red-800">
          {t("invite.invalid")}
        </p>
      )}
    </main>
  );
}
