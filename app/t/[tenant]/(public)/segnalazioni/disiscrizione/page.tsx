import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnsubscribeForm } from "@/components/reports/link-forms";
import { checkUnfollowLink } from "@/lib/engagement/unfollow-report";
import { DomainError } from "@/lib/errors";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { unsubscribeAction } from "../actions";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ f?: string | string[]; t?: string | string[] }> };

export const metadata = { robots: { index: false } };

/**
 * Unsubscribe link of follower emails. The GET only shows a button: the change is a POST, so a mail
 * client's link scanner cannot unsubscribe anyone by prefetching the link.
 */
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const query = await searchParams;
  const followerId = typeof query.f === "string" ? query.f : "";
  const token = typeof query.t === "string" ? query.t : "";
  const t = await getTranslations("citizens.unsubscribe");
  let link: { code: string; alreadyUnsubscribed: boolean } | null = null;
  try {
    link = await checkUnfollowLink({ ctx: { tenant, actor: { kind: "anonymous" } }, input: { followerId, token } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 p-4 pb-16">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {!link ? (
        <p role="status">{t("invalid")}</p>
      ) : link.alreadyUnsubscribed ? (
        <p role="status">{t("done", { code: link.code })}</p>
      ) : (
        <>
          <p>{t("question", { code: link.code })}</p>
          <UnsubscribeForm followerId={followerId} token={token} code={link.code} action={unsubscribeAction} />
        </>
      )}
    </main>
  );
}
