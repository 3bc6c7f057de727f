import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrandingForm } from "@/components/onboarding/branding-form";
import { requireStaff } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { tenantBaseUrl } from "@/lib/tenancy/urls";

export async function generateMetadata() {
  return { title: (await getTranslations("welcome"))("title") };
}

/**
 * Setup wizard after onboarding. Every step can be skipped: the public site is already live. Steps that
 * belong to the settings pages link there (offices, categories, staff, map area).
 */
export default async function WelcomePage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  await requireStaff(tenant, "config.write");
  const t = await getTranslations("welcome");
  const steps = [
    { key: "offices", href: "/ufficio/impostazioni/uffici" },
    { key: "categories", href: "/ufficio/impostazioni/categorie" },
    { key: "staff", href: "/ufficio/impostazioni/personale" },
    { key: "area", href: "/ufficio/impostazioni/area" },
  ] as const;
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 p-4 pb-16">
      <header className="pt-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-2 text-lg">{t("intro", { name: tenant.name })}</p>
        <p className="mt-2">
          {t("live")}{" "}
          <a href={`${tenantBaseUrl(tenant.slug)}/`} className="font-semibold text-blue-800 underline">
            {tenantBaseUrl(tenant.slug)}
          </a>
        </p>
      </header>
      <ol className="space-y-6">
        <li className="rounded-lg bg-white p-5 shadow-sm">
          <h2 className="text-xl font-semibold">{t("step", { n: 1 })} · {t("brandingTitle")}</h2>
          <p className="mt-1">{t("brandingBody")}</p>
          <BrandingForm primaryColor={tenant.primaryColor} emblemUrl={tenant.emblemUrl} />
        </li>
        {steps.map((s, i) => (
          <li key={s.key} className="rounded-lg bg-white p-5 shadow-sm">
            <h2 className="text-xl font-semibold">
              {t("step", { n: i + 2 })} · {t(`${s.key}Title`)}
            </h2>
            <p className="mt-1">{t(`${s.key}Body`)}</p>
            <a href={s.href} className="mt-2 inline-block font-semibold text-blue-800 underline">
              {t(`${s.key}Link`)}
            </a>
          </li>
        ))}
      </ol>
      <p className="flex flex-wrap gap-4">
        <a href="/ufficio" className="rounded bg-[#0b5394] px-5 py-3 font-semibold text-white">
          {t("done")}
        </a>
        <a href="/ufficio/abbonamento" className="px-2 py-3 font-semibold text-blue-800 underline">
          {t("billingLink")}
        </a>
      </p>
    </main>
  );
}
