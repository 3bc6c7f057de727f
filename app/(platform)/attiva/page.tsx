import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OnboardingForm } from "@/components/onboarding/onboarding-form";
import { PLANS, TRIAL_DAYS } from "@/lib/billing/plans";
import { comuniCount } from "@/lib/onboarding/comuni";
import { env } from "@/lib/env";

export async function generateMetadata() {
  return { title: (await getTranslations("onboarding"))("title") };
}

/** Self-service sign-up of a comune on the apex. */
export default async function ActivatePage() {
  const t = await getTranslations("onboarding");
  return (
    <>
      <header className="bg-[#0b5394] text-white">
        <div className="mx-auto max-w-3xl p-4">
          <Link href="/" className="text-2xl font-bold text-white">
            Piazza
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
        <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg">{t("intro", { days: TRIAL_DAYS, count: comuniCount() })}</p>
        <OnboardingForm rootDomain={env.ROOT_DOMAIN} />
        <section aria-labelledby="pricing" className="space-y-2">
          <h2 id="pricing" className="text-xl font-semibold">
            {t("pricingTitle")}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {PLANS.map((p) => (
              <li key={p.id} className="rounded bg-white p-3 shadow-sm">
                <span className="font-semibold">{t(`plan.${p.id}`)}</span>
                <span className="block">{t("planPrice", { month: p.monthlyCents / 100, year: p.yearlyCents / 100 })}</span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
