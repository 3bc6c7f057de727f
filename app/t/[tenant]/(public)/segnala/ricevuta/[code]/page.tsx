import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { NotFoundError } from "@/lib/errors";
import { getReceipt } from "@/lib/reports/get-receipt";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { RECEIPT_COOKIE } from "../../receipt-cookie";

type Props = { params: Promise<{ tenant: string; code: string }> };

export const metadata: Metadata = { robots: { index: false } };

/** The receipt, for the browser that submitted (receipt cookie); anyone else gets "not found". */
export default async function ReceiptPage({ params }: Props) {
  const { tenant: segment, code: rawCode } = await params;
  const tenant = await getTenant(segment);
  if (!tenant) notFound();
  const code = decodeURIComponent(rawCode);
  const [cookieCode, token] = ((await cookies()).get(RECEIPT_COOKIE)?.value ?? "").split("~");
  if (cookieCode !== code) notFound();
  const receipt = await getReceipt({ ctx: { tenant, actor: { kind: "anonymous" } }, input: { code, token } }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [t, format, locale] = await Promise.all([getTranslations("reportForm.receipt"), getFormatter(), getLocale()]);
  const category = locale === "en" && receipt.categoryEn ? receipt.categoryEn : receipt.category;

  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
      <div className="space-y-3 rounded-lg border-t-8 border-green-700 bg-white p-6 shadow-sm">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg">{t("codeIntro", { category })}</p>
        <p className="font-mono text-3xl font-bold tracking-wide sm:text-4xl" data-testid="receipt-code">
          {receipt.code}
        </p>
        <p>{t("keepCode")}</p>
        {receipt.reporterEmail ? (
          <p data-testid="receipt-email">{t("emailSent", { email: receipt.reporterEmail })}</p>
        ) : receipt.reporterPhone ? (
          <p>{t("phoneOnly")}</p>
        ) : null}
        <p>
          <a href={receipt.trackingUrl} className="inline-block min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-white">
            {t("track")}
          </a>
        </p>
        {!receipt.isPublic && <p className="text-sm text-muted">{t("privateNote")}</p>}
      </div>

      <section aria-labelledby="next-title" className="space-y-2 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="next-title" className="text-2xl font-semibold">
          {t("nextTitle")}
        </h2>
        <ol className="list-decimal space-y-2 pl-5">
          <li>{receipt.office ? t("nextOffice", { office: receipt.office }) : t("nextTriage")}</li>
          {receipt.dueAt && receipt.slaDays != null && (
            <li>{t("nextDue", { days: receipt.slaDays, date: format.dateTime(receipt.dueAt, { dateStyle: "long" }) })}</li>
          )}
          <li>{t("nextUpdates")}</li>
        </ol>
      </section>
      <p>
        <a href="/segnala" className="font-semibold text-brand underline">
          {t("another")}
        </a>
      </p>
    </main>
  );
}
