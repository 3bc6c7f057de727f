import { inArray } from "drizzle-orm";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/security/tokens";
import { openEngine } from "../engine";
import { apiKeys } from "../schema";
import { demoApiKey, seedDemo } from "./demo";
import { DEMO_VENDOR_PASSWORD, DEMO_VENDOR_STAFF, DEMO_VENDOR_TOTP_SECRET, seedVendorStaff } from "./vendor";

// `npm run db:seed`: the demo comuni on whichever engine is configured; those already present are left alone.
const opened = Date.now();
const engine = await openEngine({ seedDemo: false });
try {
  const started = Date.now();
  const summary = await seedDemo(engine.db);
  await seedVendorStaff(engine.db);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\nDati dimostrativi su ${engine.kind}: apertura e migrazioni ${seconds(started - opened)}, ` +
      `seed ${seconds(Date.now() - started)}\n`,
  );
  const scheme = env.PUBLIC_SCHEME ?? "http";
  printTable(
    ["Comune", "Indirizzo", "Esito", "Segnalazioni", "Eventi"],
    summary.tenants.map((t) => [
      t.name,
      `${scheme}://${t.slug}.${env.ROOT_DOMAIN}`,
      t.created ? "creato" : `saltato (${t.note})`,
      t.created ? String(t.reports) : "—",
      t.created ? String(t.events) : "—",
    ]),
  );
  printTable(
    ["Email", "Password", "Ruolo", "Nome", "Ufficio / ente"],
    summary.logins.map((l) => [l.email, l.password, l.role, l.name, l.office || "tutti"]),
  );
  // Only keys that are really there: a comune seeded before demo keys existed has none.
  const keys = summary.tenants.map((t) => ({ ...t, key: demoApiKey(t.slug) }));
  const present = new Set(
    (await engine.db.select({ hash: apiKeys.keyHash }).from(apiKeys).where(inArray(apiKeys.keyHash, keys.map((k) => hashToken(k.key))))).map((r) => r.hash),
  );
  printTable(
    ["Comune", "Open311 GeoReport v2", "api_key"],
    keys.filter((k) => present.has(hashToken(k.key))).map((k) => [k.name, `${scheme}://${k.slug}.${env.ROOT_DOMAIN}/open311/v2/`, k.key]),
  );
  console.log(`Console del fornitore: ${scheme}://admin.${env.ROOT_DOMAIN} (secondo fattore TOTP, segreto ${DEMO_VENDOR_TOTP_SECRET})`);
  printTable(
    ["Email", "Password", "Ruolo"],
    DEMO_VENDOR_STAFF.map((p) => [p.email, DEMO_VENDOR_PASSWORD, p.role]),
  );
} finally {
  await engine.close();
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log("");
}
