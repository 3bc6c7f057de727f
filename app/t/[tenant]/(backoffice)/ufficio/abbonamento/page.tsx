import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { BillingActions, InvoicingForm } from "@/components/billing/billing-forms";
import { SupportGrants } from "@/components/vendor/support-grants";
import { requireStaff } from "@/lib/auth/session";
import { getBillingBanner } from "@/lib/billing/billing-banner";
import { getSubscription } from "@/lib/billing/get-subscription";
import { hasInvoicingData } from "@/lib/billing/invoicing-data";
import { isBillingConfigured } from "@/lib/billing/stripe";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { listSupportGrants } from "@/lib/vendor/support-access";

export async function generateMetadata() {
  return { title: (await getTranslations("billing"))("title") };
}

/** The comune's subscription: plan, status, renewal, invoices, invoicing data, Checkout and Portal. */
export default async function SubscriptionPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ esito?: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await requireStaff(tenant, "billing.manage");
  const { esito } = await searchParams;
  const [view, banner, grants, t, format] = await Promise.all([
    getSubscription({ ctx: { tenant, actor } }),
    getBillingBanner(tenant),
    listSupportGrants({ ctx: { tenant, actor } }),
    getTranslations("billing"),
    getFormatter(),
  ]);
  const { account, invoices, plan } = view;
  const date = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "long" }) : "—");
  const money = (cents: number, currency = "eur") => format.number(cents / 100, { style: "currency", currency: currency.toUpperCase() });
  const subscribed = Boolean(account?.stripeSubscriptionId && ["active", "trialing", "past_due"].includes(account.subscriptionStatus ?? ""));
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 p-4 pb-16">
      <h1 className="pt-4 text-3xl font-bold">{t("title")}</h1>
      {esito === "ok" ? <p role="status" className="rounded bg-green-50 p-3 font-semibold text-green-900">{t("checkoutDone")}</p> : null}
      {esito === "annullato" ? <p role="status" className="rounded bg-yellow-50 p-3 font-semibold text-yellow-900">{t("checkoutCancelled")}</p> : null}
      {banner?.kind === "past_due" ? <p role="alert" className="rounded bg-red-50 p-3 font-semibold text-red-900">{t("pastDue", { date: date(banner.graceEndsAt) })}</p> : null}
      {banner?.kind === "suspended" ? <p role="alert" className="rounded bg-red-50 p-3 font-semibold text-red-900">{t("suspended")}</p> : null}
      <section aria-labelledby="plan-title" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="plan-title" className="text-xl font-semibold">{t("planTitle")}</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <dt className="font-semibold">{t("plan")}</dt>
          <dd data-testid="billing-plan">{t(`plans.${plan.id}`)}</dd>
          <dt className="font-semibold">{t("status")}</dt>
          <dd data-testid="billing-status">{t(`statuses.${tenant.status}`)}</dd>
          {tenant.status === "trialing" ? (
            <>
              <dt className="font-semibold">{t("trialEnds")}</dt>
              <dd>{date(tenant.trialEndsAt)}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{account?.cancelAtPeriodEnd ? t("endsOn") : t("renewsOn")}</dt>
          <dd>{date(account?.currentPeriodEnd)}</dd>
          <dt className="font-semibold">{t("price")}</dt>
          <dd>{t("priceValue", { month: money(plan.monthlyCents), year: money(plan.yearlyCents) })}</dd>
        </dl>
        {isBillingConfigured() ? (
          <BillingActions subscribed={subscribed} hasCustomer={Boolean(account?.stripeCustomerId)} canSubscribe={hasInvoicingData(account)} />
        ) : (
          <p className="mt-3">{t("notConfigured")}</p>
        )}
      </section>
      <section aria-labelledby="invoicing-title" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="invoicing-title" className="text-xl font-semibold">{t("invoicingTitle")}</h2>
        <p className="mt-1">{t("invoicingBody")}</p>
        <InvoicingForm
          initial={{
            enteName: account?.enteName ?? `Comune di ${tenant.name}`,
            codiceFiscale: account?.codiceFiscale ?? "",
            partitaIva: account?.partitaIva ?? "",
            codiceUnivoco: account?.codiceUnivoco ?? "",
            pec: account?.pec ?? "",
            billingAddress: account?.billingAddress ?? "",
          }}
        />
      </section>
      <section aria-labelledby="invoices-title">
        <h2 id="invoices-title" className="text-xl font-semibold">{t("invoicesTitle")}</h2>
        {invoices.length === 0 ? (
          <p className="mt-2">{t("noInvoices")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-left">
              <thead>
                <tr className="border-b border-gray-400">
                  <th scope="col" className="py-2 pr-3">{t("invoiceNumber")}</th>
                  <th scope="col" className="py-2 pr-3">{t("invoiceDate")}</th>
                  <th scope="col" className="py-2 pr-3">{t("invoiceAmount")}</th>
                  <th scope="col" className="py-2">{t("invoiceStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((i) => (
                  <tr key={i.id} className="border-b border-gray-200" data-testid="invoice-row">
                    <td className="py-2 pr-3">{i.hostedInvoiceUrl ? <a href={i.hostedInvoiceUrl} className="text-blue-800 underline">{i.number ?? i.id}</a> : (i.number ?? i.id)}</td>
                    <td className="py-2 pr-3">{date(i.createdAt)}</td>
                    <td className="py-2 pr-3">{money(i.amountDue, i.currency)}</td>
                    <td className="py-2">{t.has(`invoiceStatuses.${i.status}`) ? t(`invoiceStatuses.${i.status}` as "invoiceStatuses.paid") : i.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <SupportGrants grants={grants} />
    </main>
  );
}
