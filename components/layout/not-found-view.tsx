import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { requestHost } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * The 404 body for every surface. On a comune host with no such comune it says so plainly ("Comune non
 * trovato") and points to the product site, instead of a generic "page not found".
 */
export async function NotFoundView() {
  const [t, tc] = await Promise.all([getTranslations("notFound"), getTranslations("common")]);
  const host = requestHost(await headers()) ?? "";
  const target = resolveHost(host, env.ROOT_DOMAIN);
  const segment = target.kind === "tenant" ? target.slug : target.kind === "custom" ? target.host : null;
  const missingComune = segment !== null && (await getTenant(segment)) === null;
  const productUrl = `${/localhost/.test(env.ROOT_DOMAIN) ? "http" : "https"}://${env.ROOT_DOMAIN}/`;
  return (
    <main id="main" className="mx-auto flex min-h-[70vh] max-w-xl flex-col justify-center gap-4 p-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-muted">Errore 404</p>
      <h1 className="text-3xl font-bold">{missingComune ? t("comuneTitle") : t("title")}</h1>
      <p className="text-lg">{missingComune ? t("comuneBody", { host: host.split(":")[0] ?? host }) : t("body")}</p>
      <p>
        <a className="text-blue-800 underline" href={missingComune ? productUrl : "/"}>
          {missingComune ? t("productLink") : tc("backHome")}
        </a>
      </p>
    </main>
  );
}
