import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/context";

const SECTIONS = [
  { href: "/ufficio/impostazioni", key: "overview", permission: "config.write" },
  { href: "/ufficio/impostazioni/uffici", key: "offices", permission: "config.write" },
  { href: "/ufficio/impostazioni/organizzazioni", key: "organisations", permission: "config.write" },
  { href: "/ufficio/impostazioni/categorie", key: "categories", permission: "config.write" },
  { href: "/ufficio/impostazioni/modelli", key: "templates", permission: "config.write" },
  { href: "/ufficio/impostazioni/personale", key: "staff", permission: "staff.manage" },
  { href: "/ufficio/impostazioni/area", key: "area", permission: "config.write" },
  { href: "/ufficio/audit", key: "audit", permission: "audit.read" },
] as const;

/** Frame of the settings pages: heading, the sections this role may open, and the content. */
export async function SettingsShell({
  actor,
  current,
  title,
  intro,
  children,
}: {
  actor: StaffActor;
  current: (typeof SECTIONS)[number]["key"];
  title: string;
  intro?: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations("settings");
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-6 p-4 pb-16">
      <nav aria-label={t("nav.label")} className="overflow-x-auto">
        <ul className="flex flex-wrap gap-2 pt-2">
          {SECTIONS.filter((s) => can(actor.role, s.permission)).map((s) => (
            <li key={s.key}>
              <Link
                href={s.href}
                aria-current={s.key === current ? "page" : undefined}
                className="inline-flex min-h-11 items-center rounded border border-gray-500 bg-white px-3 py-1 font-semibold text-ink aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
              >
                {t(`nav.${s.key}`)}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/ufficio/profilo" className="inline-flex min-h-11 items-center rounded px-3 py-1 font-semibold text-brand underline">
              {t("nav.profile")}
            </Link>
          </li>
        </ul>
      </nav>
      <h1 className="text-3xl font-bold">{title}</h1>
      {intro ? <p className="text-muted">{intro}</p> : null}
      {children}
    </main>
  );
}
