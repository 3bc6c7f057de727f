import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConfirmForm } from "@/components/reports/link-forms";
import { peekConfirmation, type PendingConfirmation } from "@/lib/engagement/confirm-email";
import { DomainError } from "@/lib/errors";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { confirmAction } from "../../segnalazioni/actions";

type Props = { params: Promise<{ tenant: string; token: string }> };

export const metadata = { robots: { index: false } };

/** Emailed confirmation link: shows what will happen; the button (POST) applies it, once. */
export default async function ConfirmPage({ params }: Props) {
  const { tenant: segment, token } = await params;
  const tenant = await getTenant(segment);
  if (!tenant) notFound();
  const t = await getTranslations("citizens.confirm");
  let pending: (PendingConfirmation & { used: boolean }) | null = null;
  try {
    pending = await peekConfirmation({ ctx: { tenant, actor: { kind: "anonymous" } }, input: { token } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 p-4 pb-16">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {!pending ? (
        <p role="status">{t("invalid")}</p>
      ) : pending.used ? (
        <p role="status">{t("already")}</p>
      ) : (
        <>
          <p>{t(pending.purpose, { code: pending.code })}</p>
          {pending.body ? <p className="whitespace-pre-wrap break-words rounded bg-white p-3 shadow-sm">{pending.body}</p> : null}
          <ConfirmForm token={token} code={pending.code} purpose={pending.purpose} action={confirmAction} />
        </>
      )}
    </main>
  );
}
