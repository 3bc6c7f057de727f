import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReportWizard } from "@/components/report-form/report-wizard";
import { getCitizenActor } from "@/lib/auth/session";
import { listPublicCategories } from "@/lib/categories/list-public-categories";
import { mapConfig } from "@/lib/maps/config";
import { DEFAULT_DESCRIPTION_MAX } from "@/lib/reports/create-report";
import { getTenant } from "@/lib/tenancy/get-tenant";

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await getTenant((await params).tenant);
  const t = await getTranslations("reportForm");
  return { title: t("metaTitle", { name: tenant?.name ?? "" }) };
}

/** /segnala: the new-report flow. The server hands the client everything it needs up front. */
export default async function NewReportPage({ params }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const [categories, citizen, t] = await Promise.all([
    listPublicCategories(tenant.id),
    getCitizenActor(tenant),
    getTranslations("reportForm"),
  ]);
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-4 p-4 pb-16">
      <div className="space-y-1 pt-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
      </div>
      <ReportWizard
        categories={categories}
        map={mapConfig()}
        centre={{ lat: tenant.centreLat, lng: tenant.centreLng }}
        boundary={tenant.boundary}
        signedIn={citizen ? { name: citizen.name ?? "", email: citizen.email } : null}
        descriptionMax={tenant.settings?.descriptionMaxLength ?? DEFAULT_DESCRIPTION_MAX}
      />
    </main>
  );
}
