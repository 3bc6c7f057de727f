import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/password-reset-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("reset.title") };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string; email?: string }> }) {
  const { token = "", email = "" } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("reset.title")}</h1>
      <p>{t("reset.for", { email })}</p>
      <ResetPasswordForm email={email} token={token} />
    </main>
  );
}
