import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { env } from "@/lib/env";
import { listLiveTenants } from "@/lib/tenancy/list-tenants";

function tenantUrl(slug: string): string {
  const scheme = /localhost/.test(env.ROOT_DOMAIN) ? "http" : "https";
  return `${scheme}://${slug}.${env.ROOT_DOMAIN}/`;
}

export default async function ProductPage() {
  await connection();
  const [t, format, comuni] = await Promise.all([getTranslations("platform"), getFormatter(), listLiveTenants()]);
  const tc = await getTranslations("common");
  const to = await getTranslations("onboarding");
  return (
    <>
      <header className="bg-[#0b5394] text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 p-4">
          <span className="text-2xl font-bold">Piazza</span>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl space-y-10 p-4 pb-16">
        <section className="space-y-3 pt-6">
          <h1 className="text-3xl font-bold sm:text-4xl">{t("tagline")}</h1>
          <p className="max-w-3xl text-lg text-muted">{t("heroBody")}</p>
          <a href="/attiva" className="inline-block rounded bg-[#0b5394] px-5 py-3 text-lg font-semibold text-white">
            {to("cta")}
          </a>
        </section>
        <section aria-labelledby="features" className="space-y-3">
          <h2 id="features" className="text-2xl font-semibold">
            {t("featuresTitle")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {(["featureMap", "featureRouting", "featureTrace", "featureOpen"] as const).map((key) => (
              <li key={key} className="rounded-lg bg-white p-4 shadow-sm">
                {t(key)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="comuni" className="space-y-3">
          <h2 id="comuni" className="text-2xl font-semibold">
            {t("comuniTitle")}
          </h2>
          {comuni.length === 0 ? (
            <p>{t("noComuni")}</p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-3">
              {comuni.map((c) => (
                <li key={c.slug} className="rounded-lg bg-white p-4 shadow-sm" style={{ borderTop: `6px solid ${c.primaryColor}` }}>
                  <a href={tenantUrl(c.slug)} className="text-lg font-semibold text-blue-800 underline">
                    <span className="sr-only">{t("visit", { name: c.name })}: </span>
                    {tc("comuneDi", { name: c.name })}
                  </a>
                  <p className="text-sm text-muted">
                    {[c.province, c.region].filter(Boolean).join(" · ")}
                    {c.population ? ` · ${tc("inhabitants", { count: c.population })}` : ""}
                  </p>
                  <p className="mt-1 font-mono text-xs text-muted">{tenantUrl(c.slug)}</p>
                </li>
              ))}
            </ul>
          )}
          <p className="sr-only">{format.dateTime(new Date(), { year: "numeric" })}</p>
        </section>
      </main>
    </>
  );
}
