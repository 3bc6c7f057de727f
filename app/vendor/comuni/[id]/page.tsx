import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { VendorActionForm } from "@/components/vendor/action-form";
import { UsageChart } from "@/components/vendor/usage-chart";
import { PLAN_IDS, planOf } from "@/lib/billing/plans";
import { NotFoundError } from "@/lib/errors";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { vendorCan } from "@/lib/vendor/permissions";
import { getTenantDetail } from "@/lib/vendor/tenant-detail";
import { requireVendorPage } from "@/lib/vendor/vendor-page";

/** One comune in the console: subscription, invoices, usage over time, domains, audit, and the actions. */
export default async function TenantDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireVendorPage();
  const { id } = await params;
  const detail = await getTenantDetail({ ctx: { actor }, tenantId: id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { tenant, account, invoices, domains, audit, platformAudit, grants, usage } = detail;
  const [t, format] = await Promise.all([getTranslations("vendor"), getFormatter()]);
  const when = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const reason = { name: "reason" };
  const plan = planOf(tenant).id;
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-4 pb-16">
      <header className="pt-4">
        <h1 className="text-3xl font-bold">{t("comuneOf", { name: tenant.name })}</h1>
        <p>
          {tenant.province} · {tenant.region} · ISTAT {tenant.istatCode} · <a href={`${tenantBaseUrl(tenant.slug)}/`} className="text-blue-800 underline">{tenantBaseUrl(tenant.slug)}</a>
        </p>
        <p className="mt-2 text-lg">
          {t("status")}: <strong data-testid="tenant-status">{t(`statuses.${tenant.status}`)}</strong>
          {tenant.statusReason ? ` · ${tenant.statusReason}` : ""} · {t("plan")}: <span data-testid="tenant-plan">{t(`plans.${plan}`)}</span> · {t("cols.trialEnds")}: {when(tenant.trialEndsAt)}
        </p>
      </header>
      <section aria-labelledby="actions-title" className="space-y-3">
        <h2 id="actions-title" className="text-xl font-semibold">{t("actions")}</h2>
        <div className="grid gap-4 md:grid-cols-2">
          {vendorCan(actor.role, "tenants.lifecycle") ? (
            tenant.status === "suspended" || tenant.status === "cancelled" ? (
              <VendorActionForm op="reactivate" tenantId={tenant.id} title={t("reactivate")} fields={[reason, { name: "trialDays", type: "number" }]} submit={t("reactivate")} />
            ) : (
              <VendorActionForm op="suspend" tenantId={tenant.id} title={t("suspend")} fields={[reason]} submit={t("suspend")} />
            )
          ) : null}
          {vendorCan(actor.role, "billing.manage") ? (
            <>
              <VendorActionForm op="extend_trial" tenantId={tenant.id} title={t("extendTrial")} fields={[{ name: "days", type: "number", defaultValue: "14" }, reason]} submit={t("extendTrial")} />
              <VendorActionForm op="change_plan" tenantId={tenant.id} title={t("changePlan")} fields={[{ name: "plan", type: "select", defaultValue: plan, options: PLAN_IDS.map((p) => ({ value: p, label: t(`plans.${p}`) })) }, reason]} submit={t("changePlan")} />
            </>
          ) : null}
          {vendorCan(actor.role, "tenants.domains") ? (
            <VendorActionForm op="add_domain" tenantId={tenant.id} title={t("addDomain")} fields={[{ name: "host" }]} submit={t("addDomain")} />
          ) : null}
          {vendorCan(actor.role, "support.access") ? (
            <VendorActionForm op="support" tenantId={tenant.id} title={t("supportAccess")} fields={[reason, { name: "minutes", type: "number", defaultValue: "60" }]} submit={t("supportOpen")} />
          ) : null}
        </div>
      </section>
      <section aria-labelledby="usage-title">
        <h2 id="usage-title" className="text-xl font-semibold">{t("usage")}</h2>
        <UsageChart
          points={usage}
          labels={{ reports: t("reportsPerMonth"), staff: t("staffOverTime"), storage: t("storageOverTime"), month: t("month"), note: t("usageNote") }}
        />
      </section>
      {detail.canSeeBilling ? (
        <section aria-labelledby="billing-title">
          <h2 id="billing-title" className="text-xl font-semibold">{t("subscription")}</h2>
          <p>
            {account?.subscriptionStatus ?? t("noSubscription")} · {account?.interval ?? ""} · {t("renews")}: {when(account?.currentPeriodEnd)}
            {account?.cancelAtPeriodEnd ? ` · ${t("cancelAtPeriodEnd")}` : ""}
          </p>
          <p className="text-sm">{[account?.enteName, account?.codiceFiscale, account?.partitaIva, account?.codiceUnivoco, account?.pec].filter(Boolean).join(" · ")}</p>
          <ul className="mt-2 list-disc pl-6">
            {invoices.map((i) => (
              <li key={i.id}>{i.number ?? i.id} · {when(i.createdAt)} · {format.number(i.amountDue / 100, { style: "currency", currency: i.currency.toUpperCase() })} · {i.status}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="domains-title">
        <h2 id="domains-title" className="text-xl font-semibold">{t("domains")}</h2>
        <ul className="mt-2 list-disc pl-6">
          <li>{tenant.slug}</li>
          {domains.map((d) => <li key={d.host}>{d.host}</li>)}
        </ul>
        {vendorCan(actor.role, "tenants.domains") && domains.length > 0 ? (
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            {domains.map((d) => (
              <VendorActionForm key={d.host} op="remove_domain" tenantId={tenant.id} hidden={{ host: d.host }} title={`${t("removeDomain")}: ${d.host}`} fields={[reason]} submit={t("removeDomain")} />
            ))}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="grants-title">
        <h2 id="grants-title" className="text-xl font-semibold">{t("supportAccess")}</h2>
        {grants.length === 0 ? <p>{t("none")}</p> : (
          <ul className="mt-2 space-y-2" data-testid="vendor-support-grants">
            {grants.map((g) => {
              const active = g.active;
              return (
                <li key={g.id}>
                  {when(g.createdAt)} → {when(g.revokedAt ?? g.expiresAt)}: {g.reason}
                  {g.revokedAt ? ` (${t("revoked")})` : active ? ` (${t("activeSupport")})` : ""}
                  {active && vendorCan(actor.role, "support.access") ? (
                    <div className="mt-2 max-w-md">
                      <VendorActionForm op="revoke_support" tenantId={tenant.id} hidden={{ grantId: g.id }} title={t("revokeSupport")} fields={[]} submit={t("revokeSupport")} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title" className="text-xl font-semibold">{t("audit")}</h2>
        <ul className="mt-2 space-y-1 text-sm" data-testid="tenant-audit">
          {[...platformAudit.map((e) => ({ id: e.id, at: e.createdAt, action: e.action, who: String((e.data as { vendorEmail?: string }).vendorEmail ?? e.actorUserId ?? "") })),
            ...audit.filter((e) => e.actorKind !== "vendor").map((e) => ({ id: e.id, at: e.createdAt, action: e.action, who: e.actorKind }))]
            .sort((a, b) => b.at.getTime() - a.at.getTime())
            .slice(0, 60)
            .map((e) => <li key={e.id}>{when(e.at)} · {e.action} · {e.who}</li>)}
        </ul>
      </section>
    </main>
  );
}
