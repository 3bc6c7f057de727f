import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getTenant } from "@/lib/tenancy/get-tenant";

type Props = { params: Promise<{ tenant: string }> };

const SECTIONS = ["controller", "data", "purpose", "publication", "photos", "retention", "rights"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reportForm.privacy");
  return { title: t("title") };
}

/** The privacy notice linked from the report form's consent box. */
export default async function PrivacyPage({ params }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const t = await getTranslations("reportForm.privacy");
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
      <h1 className="pt-2 text-3xl font-bold">{t("title")}</h1>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`} className="space-y-2">
          <h2 id={`privacy-${s}`} className="text-xl font-semibold">
            {t(`${s}.title`)}
          </h2>
          <p>{t(`${s}.body`, { comune: tenant.name })}</p>
        </section>
      ))}
    </main>
  );
}
