import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/password-reset-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("reset.title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("reset.title")}</h1>
      <p>{t("reset.intro")}</p>
      <ForgotPasswordForm />
    </main>
  );
}
