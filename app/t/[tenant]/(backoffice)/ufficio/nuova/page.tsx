import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { NewReportForm } from "@/components/backoffice/new-report-form";
import { staffPageContext } from "@/components/backoffice/page-context";
import { listBackofficeOptions } from "@/lib/backoffice/list-options";
import { mapConfig } from "@/lib/maps/config";

export default async function NewReportPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await staffPageContext(params, "reports.create_on_behalf");
  const [options, t] = await Promise.all([listBackofficeOptions({ ctx }), getTranslations("backoffice.newReport")]);
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-4 p-4 pb-16">
      <h1 className="pt-2 text-3xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <NewReportForm
        categories={options.categories.map((c) => ({ value: c.id, label: c.name, questions: c.extraQuestions }))}
        centre={{ lat: ctx.tenant.centreLat, lng: ctx.tenant.centreLng }}
        map={mapConfig()}
        idempotencyKey={randomUUID()}
      />
    </main>
  );
}
