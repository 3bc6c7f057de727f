import fs from "node:fs";
import path from "node:path";

/**
 * Embedded-database runs: migrate one in-memory PGlite once, dump it, and let every test file start its own
 * in-memory database from that snapshot (PGLITE_TEMPLATE) instead of re-running all migrations per file.
 * PostgreSQL runs migrate once on first open (advisory lock) and need nothing here.
 */
export default async function globalSetup(): Promise<void | (() => void)> {
  if (process.env.DATABASE_URL) return;
  process.env.PGLITE_DIR = "memory://";
  process.env.SEED_DEMO = "0";
  delete process.env.PGLITE_TEMPLATE;
  const { openEngine } = await import("@/db/engine");
  const engine = await openEngine({ seedDemo: false });
  const blob = await engine.dump!();
  const file = path.resolve(".data", `test-template-${process.pid}.tar`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await engine.close();
  process.env.PGLITE_TEMPLATE = file;
  return () => fs.rmSync(file, { force: true });
}
