import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/auth";
import { ChangePasswordForm } from "@/components/auth/profile-forms";
import { hasTotp } from "@/lib/auth/profile";
import { staffPage } from "@/lib/auth/staff-page";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.profile"))("title") };
}

export default async function ProfilePage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ totp?: string }> }) {
  const { actor } = await staffPage(params);
  const t = await getTranslations("auth.profile");
  const tr = await getTranslations("settings.staff.roles");
  const totp = await hasTotp(actor.userId);
  const { totp: changed } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      <p>
        {t("signedInAs", { name: actor.name, email: actor.email })} · {tr(actor.role)}
      </p>
      {changed === "on" || changed === "off" ? (
        <p role="status" className="rounded bg-green-50 p-2 font-semibold text-green-900">
          {changed === "on" ? t("totpEnabled") : t("totpDisabled")}
        </p>
      ) : null}
      <section aria-labelledby="pw" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="pw" className="mb-3 text-xl font-semibold">
          {t("passwordTitle")}
        </h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="mfa" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="mfa" className="mb-2 text-xl font-semibold">
          {t("totpTitle")}
        </h2>
        <p className="mb-3">{totp ? t("totpOn") : t("totpOff")}</p>
        <Link href="/ufficio/profilo/2fa" className="font-semibold text-brand underline">
          {totp ? t("manageTotp") : t("setupTotp")}
        </Link>
      </section>
      <form action={signOutAction}>
        <button type="submit" className="inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold">
          {t("signOut")}
        </button>
      </form>
    </main>
  );
}
