import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RateForm } from "@/components/reports/link-forms";
import { checkRatingLink } from "@/lib/engagement/rate-report";
import { DomainError } from "@/lib/errors";
import { getCitizenActor } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { rateAction } from "../../actions";

type Props = { params: Promise<{ tenant: string; code: string }>; searchParams: Promise<{ t?: string | string[] }> };

export const metadata = { robots: { index: false } };

/** The reporter's satisfaction form: from the closing email (no login: the link's token) or signed in as its reporter. */
export default async function RatePage({ params, searchParams }: Props) {
  const { tenant: segment, code: rawCode } = await params;
  const tenant = await getTenant(segment);
  if (!tenant) notFound();
  const code = decodeURIComponent(rawCode).toUpperCase();
  const token = typeof (await searchParams).t === "string" ? ((await searchParams).t as string) : "";
  const t = await getTranslations("citizens.rate");
  let state: Awaited<ReturnType<typeof checkRatingLink>> | "invalid";
  try {
    state = await checkRatingLink({ ctx: { tenant, actor: (await getCitizenActor(tenant)) ?? { kind: "anonymous" } }, input: { code, token } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    state = "invalid";
  }
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 p-4 pb-16">
      <h1 className="text-3xl font-bold">{t("title", { code })}</h1>
      {state === "rateable" ? (
        <>
          <p>{t("intro")}</p>
          <RateForm code={code} token={token} action={rateAction} />
        </>
      ) : (
        <p role="status" className="rounded bg-white p-4 shadow-sm">
          {state === "not_closed" ? t("notClosed") : state === "already_rated" ? t("already") : t("invalid")}
        </p>
      )}
    </main>
  );
}
