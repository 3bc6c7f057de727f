import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/auth";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { can } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/context";
import type { Tenant } from "@/lib/tenancy/get-tenant";

/**
 * The staff band: comune, person and role, sign out, and the sections this role can use (the server
 * checks every action again; hiding links is only a convenience). Links wrap on a phone.
 */
export async function StaffHeader({ tenant, actor }: { tenant: Pick<Tenant, "name">; actor: StaffActor }) {
  const t = await getTranslations("backoffice");
  const ta = await getTranslations("auth");
  const tc = await getTranslations("common");
  const links = [
    { href: "/ufficio", label: t("nav.inbox"), show: can(actor.role, "reports.read") },
    { href: "/ufficio/nuova", label: t("nav.new"), show: can(actor.role, "reports.create_on_behalf") },
    { href: "/ufficio/supervisione", label: t("nav.supervision"), show: can(actor.role, "reports.triage") },
    { href: "/ufficio/cruscotto", label: t("nav.dashboard"), show: can(actor.role, "dashboards.read") },
    { href: "/ufficio/impostazioni", label: t("nav.settings"), show: can(actor.role, "config.write") },
    { href: "/ufficio/audit", label: t("nav.audit"), show: can(actor.role, "audit.read") },
  ].filter((l) => l.show);
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 pt-3">
        <Link href="/ufficio" className="min-w-0 flex-1">
          <span className="block text-xs uppercase tracking-wide">{t("staffArea")}</span>
          <span className="block truncate text-xl font-bold">{tc("comuneDi", { name: tenant.name })}</span>
        </Link>
        <p className="text-sm" data-testid="staff-identity">
          {t("signedInAs", { name: actor.name, role: t(`roles.${actor.role}`) })}
        </p>
        <LanguageSwitcher />
        <form action={signOutAction}>
          <button type="submit" className="min-h-11 rounded border-2 border-white px-3 py-1 font-semibold">
            {ta("signOut")}
          </button>
        </form>
      </div>
      <nav aria-label={t("nav.label")} className="mx-auto max-w-6xl px-2 pb-2">
        <ul className="flex flex-wrap gap-1">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="inline-flex min-h-11 items-center rounded px-3 font-semibold underline-offset-4 hover:underline">
                {l.label}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/" className="inline-flex min-h-11 items-center rounded px-3 underline-offset-4 hover:underline">
              {t("nav.publicSite")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
