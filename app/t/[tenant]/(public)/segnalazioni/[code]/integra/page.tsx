import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AddInfoForm } from "@/components/reports/link-forms";
import { checkAddInfoLink } from "@/lib/engagement/add-report-info";
import { getCitizenActor } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { addInfoAction } from "../../actions";

type Props = { params: Promise<{ tenant: string; code: string }>; searchParams: Promise<{ t?: string | string[] }> };

export const metadata = { robots: { index: false } };

/** The reporter adds information or photos to their own report: from the emailed link, or signed in as its reporter. */
export default async function AddInfoPage({ params, searchParams }: Props) {
  const { tenant: segment, code: rawCode } = await params;
  const tenant = await getTenant(segment);
  if (!tenant) notFound();
  const code = decodeURIComponent(rawCode).toUpperCase();
  const query = await searchParams;
  const token = typeof query.t === "string" ? query.t : "";
  const t = await getTranslations("citizens.info");
  const link = await checkAddInfoLink({ ctx: { tenant, actor: (await getCitizenActor(tenant)) ?? { kind: "anonymous" } }, input: { code, token } });
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 p-4 pb-16">
      <h1 className="text-3xl font-bold">{t("title", { code })}</h1>
      {link ? (
        <>
          <p>{t("intro")}</p>
          <AddInfoForm code={code} token={token} reportPath={link.reportPath} action={addInfoAction} />
        </>
      ) : (
        <p role="status" className="rounded bg-white p-4 shadow-sm">
          {t("invalid")}
        </p>
      )}
    </main>
  );
}
