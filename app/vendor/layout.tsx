import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getVendorActor } from "@/lib/auth/session";
import { SignOutButton } from "@/components/vendor/sign-out-button";

/** The vendor console's frame (host admin.<root>); each page checks the vendor session itself. */
export default async function VendorLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("vendor");
  const actor = await getVendorActor();
  return (
    <>
      <header className="bg-gray-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 p-4">
          <span className="text-xl font-bold">{t("brand")}</span>
          {actor?.mfa ? (
            <nav aria-label={t("nav")} className="flex flex-wrap gap-4">
              <Link href="/" className="text-white underline">{t("overview")}</Link>
              <a href="/comuni" className="text-white underline">{t("tenants")}</a>
              <a href="/audit" className="text-white underline">{t("audit")}</a>
            </nav>
          ) : null}
          {actor ? <SignOutButton label={t("signOut")} who={actor.email} /> : null}
        </div>
      </header>
      {children}
    </>
  );
}
