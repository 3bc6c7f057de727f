import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/auth";
import { DeleteAccountForm } from "@/components/auth/delete-account-form";
import { StatusBadge } from "@/components/reports/status-badge";
import { listMyReports } from "@/lib/account/list-my-reports";
import { getCitizenActor } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/get-tenant";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

/** The citizen's account on this comune: their reports here, sign out, delete the account. */
export default async function AccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await getCitizenActor(tenant);
  if (!actor) redirect("/accedi?next=/account");
  const t = await getTranslations("account");
  const ts = await getTranslations("status");
  const format = await getFormatter();
  const reports = await listMyReports({ ctx: { tenant, actor } });
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      <p>{t("signedInAs", { email: actor.email })}</p>
      <section aria-labelledby="mine" className="space-y-3">
        <h2 id="mine" className="text-2xl font-semibold">
          {t("myReports")}
        </h2>
        {reports.length === 0 ? (
          <p>{t("noReports", { name: tenant.name })}</p>
        ) : (
          <ul className="space-y-2">
            {reports.map((r) => (
              <li key={r.id} className="rounded-lg bg-white p-3 shadow-sm">
                <Link href={r.href} className="font-semibold text-brand underline">
                  {r.code} · {r.title ?? r.category}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                  <StatusBadge status={r.status} label={ts(r.status)} />
                  <span>{format.dateTime(r.createdAt, { dateStyle: "medium", timeZone: "Europe/Rome" })}</span>
                  {r.address ? <span>· {r.address}</span> : null}
                  {!r.isPublic ? <span>· {t("private")}</span> : null}
                </div>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <Link href={r.addInfoHref} className="inline-flex min-h-11 items-center font-semibold text-brand underline">
                    {t("addInfo")}
                    <span className="sr-only"> {t("forReport", { code: r.code })}</span>
                  </Link>
                  {r.rateHref ? (
                    <Link href={r.rateHref} className="inline-flex min-h-11 items-center font-semibold text-brand underline">
                      {t("rate")}
                      <span className="sr-only"> {t("forReport", { code: r.code })}</span>
                    </Link>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form action={signOutAction}>
        <button type="submit" className="inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold">
          {t("signOut")}
        </button>
      </form>
      <section aria-labelledby="delete" className="space-y-3 rounded-lg border border-red-800 bg-white p-4">
        <h2 id="delete" className="text-2xl font-semibold">
          {t("deleteTitle")}
        </h2>
        <p>{t("deleteExplain")}</p>
        <DeleteAccountForm email={actor.email} />
      </section>
    </main>
  );
}
