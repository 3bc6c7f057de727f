import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { StaffActor } from "@/lib/context";
import { getBillingBanner } from "@/lib/billing/billing-banner";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { activeSupportGrant } from "@/lib/vendor/support-access";

/**
 * What every back-office page must announce: vendor support access in progress (so the comune's staff and
 * the support person both see it), a trial ending, a failed payment with its grace date, read-only service.
 */
export async function ServiceBanners({ tenant, actor }: { tenant: Tenant; actor: StaffActor }) {
  const [t, format, billing, support] = await Promise.all([getTranslations("banners"), getFormatter(), getBillingBanner(tenant), activeSupportGrant(tenant.id)]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const time = (d: Date) => format.dateTime(d, { timeStyle: "short", timeZone: "Europe/Rome" });
  return (
    <>
      {actor.supportGrantId ? (
        <div role="status" className="bg-purple-900 px-4 py-2 text-center font-semibold text-white" data-testid="support-banner">
          {t("support", { name: actor.name })}
        </div>
      ) : support ? (
        <div role="status" className="bg-purple-900 px-4 py-2 text-center font-semibold text-white" data-testid="support-banner">
          {t("supportForStaff", { name: support.vendorName ?? "—", until: time(support.expiresAt), reason: support.reason })}
        </div>
      ) : null}
      {billing ? (
        <div
          role={billing.kind === "trial" ? "status" : "alert"}
          data-testid="billing-banner"
          className={`px-4 py-2 text-center font-semibold ${billing.kind === "trial" ? "bg-amber-100 text-amber-950" : "bg-red-800 text-white"}`}
        >
          {billing.kind === "trial"
            ? t("trial", { days: billing.daysLeft, date: date(billing.endsAt) })
            : billing.kind === "past_due"
              ? t("pastDue", { date: date(billing.graceEndsAt) })
              : t("suspended")}{" "}
          <Link href="/ufficio/abbonamento" className="underline">
            {t("billingLink")}
          </Link>
        </div>
      ) : null}
    </>
  );
}
