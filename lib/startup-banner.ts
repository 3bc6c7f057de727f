import { listLiveTenants } from "@/lib/tenancy/list-tenants";

/** Tells a newcomer where to point the browser (and which engine they are on). */
export async function printStartupBanner(engine: string, rootDomain: string): Promise<void> {
  const scheme = /localhost/.test(rootDomain) ? "http" : "https";
  const comuni = await listLiveTenants();
  const lines = [
    "",
    `  Piazza è pronto (database: ${engine === "pglite" ? "PGlite incorporato" : "PostgreSQL"})`,
    `  Sito del prodotto:  ${scheme}://${rootDomain}`,
    ...comuni.slice(0, 10).map((c) => `  ${c.name.padEnd(18)} ${scheme}://${c.slug}.${rootDomain}`),
    "",
  ];
  console.log(lines.join("\n"));
}
