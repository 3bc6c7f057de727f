import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getCitizenActor } from "@/lib/auth/session";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { LanguageSwitcher } from "./language-switcher";

/**
 * The comune's band: its colour, emblem (or a placeholder with its initial) and name, and the citizens'
 * navigation, which ends with "Accedi", or "Il mio account" for whoever is signed in on this comune.
 */
export async function TenantHeader({ tenant }: { tenant: Pick<Tenant, "id" | "name" | "emblemUrl" | "province"> }) {
  const [t, citizen] = await Promise.all([getTranslations(), getCitizenActor(tenant)]);
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-5xl items-center gap-3 p-4">
        {tenant.emblemUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- emblem is a tenant upload of unknown size
          <img src={tenant.emblemUrl} alt={t("tenantHome.emblemAlt", { name: tenant.name })} className="h-12 w-12" />
        ) : (
          <span
            aria-hidden="true"
            className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full border-2 border-white text-2xl font-bold"
          >
            {tenant.name.charAt(0)}
          </span>
        )}
        <Link href="/" className="min-w-0 flex-1">
          <span className="block text-xs uppercase tracking-wide">{t("common.appName")}</span>
          <span className="block truncate text-xl font-bold">{t("common.comuneDi", { name: tenant.name })}</span>
        </Link>
        <LanguageSwitcher />
      </div>
      <nav aria-label={t("citizens.nav.label")} className="border-t border-white/40">
        <ul className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <li>
            <Link href="/" className="font-semibold underline-offset-4 hover:underline">
              {t("citizens.nav.home")}
            </Link>
          </li>
          <li>
            <Link href="/segnala" className="rounded bg-white px-3 py-1 font-semibold text-ink hover:underline">
              {t("citizens.nav.report")}
            </Link>
          </li>
          <li className="ml-auto">
            <Link
              href={citizen ? "/account" : "/accedi"}
              className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4 hover:no-underline"
              data-testid="header-account"
            >
              {citizen ? t("citizens.nav.account") : t("citizens.nav.signIn")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
