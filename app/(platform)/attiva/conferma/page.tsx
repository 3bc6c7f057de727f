import { getTranslations } from "next-intl/server";
import { ConfirmOnboarding } from "@/components/onboarding/confirm-onboarding";

export async function generateMetadata() {
  return { title: (await getTranslations("onboarding"))("confirmTitle") };
}

/** The emailed link lands here; the comune is created on an explicit click (mail scanners only GET). */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const t = await getTranslations("onboarding");
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("confirmTitle")}</h1>
      <p>{t("confirmBody")}</p>
      <ConfirmOnboarding token={token} />
    </main>
  );
}
