import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { DEMO_PASSWORD } from "./support/helpers";

/**
 * `npm start` on PostgreSQL (scripts/serve.mjs): one Next.js worker per core — two here — sharing the
 * port. Each worker caches comuni in memory (TENANT_CACHE_SECONDS, a minute in this test), so a change
 * made through one worker must reach the other at once: the writer's worker broadcasts "forget" through
 * the primary (lib/cluster/broadcast.ts). Runs its own server on a fresh PostgreSQL database seeded with
 * `npm run db:seed`; skipped where no PostgreSQL answers.
 */
const PG = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const PORT = Number(process.env.E2E_PORT ?? 3100) + 10;
const HOST = `fossano.localhost:${PORT}`;
const DATABASE = `piazza_e2e_cluster_${process.pid}_${Date.now()}`;
let server: ChildProcess | null = null;
let log = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const admin = postgres(`${PG}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  let reachable = true;
  try {
    await admin.unsafe(`create database ${DATABASE}`);
  } catch {
    reachable = false;
  } finally {
    await admin.end({ timeout: 1 });
  }
  test.skip(!reachable, `PostgreSQL non raggiungibile su ${PG}`);
  const env = { ...process.env, DATABASE_URL: `${PG}/${DATABASE}`, ROOT_DOMAIN: `localhost:${PORT}` };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/seed/cli.ts"], { env, stdio: "ignore" });
  server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(PORT)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
      // The instance's connections, shared by its two workers (2 each).
      DATABASE_POOL_MAX: "4",
      TENANT_CACHE_SECONDS: "60",
      AUTH_SECRET: "e2e-cluster-secret-e2e-cluster-secret-0123",
      OUTBOX_WORKER: "0",
      DEV_MAILBOX: "1",
      SEED_DEMO: "0",
      MAP_STYLE_URL: "/map/offline-style.json",
    },
  });
  server.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  await expect
    .poll(async () => workerPids().length === 2 && (await get("/api/health").catch(() => ({ status: 0 }))).status === 200, { timeout: 120_000, intervals: [500] })
    .toBe(true);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  const admin = postgres(`${PG}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`).catch(() => {});
  await admin.end({ timeout: 1 });
});

test("two workers answer on one port, and a setting saved through one is what both serve at once", async ({ page }) => {
  expect(workerPids(), log).toHaveLength(2);
  // Every request on a new connection: the primary hands connections to the workers in turn, so both
  // answer — and both cache the comune.
  const before = await limitsServed(6);
  expect(new Set(before).size).toBe(1);
  const next = before[0] === 1234 ? 1235 : 1234;

  await page.goto(`http://${HOST}/accedi?next=/ufficio/impostazioni`);
  const form = page.getByRole("region", { name: "Personale del Comune" });
  await form.getByLabel("Email").fill("admin@fossano.demo");
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Accedi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Impostazioni del Comune" })).toBeVisible();
  const settings = page.locator("section", { has: page.getByLabel("Lunghezza massima della descrizione (caratteri)") });
  await settings.getByLabel("Lunghezza massima della descrizione (caratteri)").fill(String(next));
  await settings.getByRole("button", { name: "Salva" }).click();
  await expect(settings.getByText("Modifiche salvate.")).toBeVisible();

  // Without the broadcast, the worker that did not save would serve the old limit for a minute.
  expect(await limitsServed(6)).toEqual(Array(6).fill(next));

  // The audit row of that save names the browser's address — the socket's, as npm start settles it
  // without TRUST_PROXY (scripts/server-listener.mjs) — not a blank.
  const db = postgres(`${PG}/${DATABASE}`, { max: 1, onnotice: () => {} });
  try {
    const [audit] = await db<{ ip: string | null }[]>`select host(ip) as ip from audit_events where action = ${"settings.reports"} order by created_at desc limit 1`;
    expect(audit?.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  } finally {
    await db.end({ timeout: 1 });
  }
});

test("the two workers share the instance's DATABASE_POOL_MAX connections instead of opening as many each", async () => {
  // Enough requests at once that each worker wants more connections than its share.
  const answers = await Promise.all(Array.from({ length: 24 }, () => get("/api/reports/geojson?zoom=12")));
  expect(answers.map((a) => a.status)).toEqual(Array(24).fill(200));
  const admin = postgres(`${PG}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${DATABASE}`;
    // Each worker opened connections (both answered), and together no more than the instance's four.
    expect(row!.n).toBeGreaterThanOrEqual(2);
    expect(row!.n).toBeLessThanOrEqual(4);
  } finally {
    await admin.end({ timeout: 1 });
  }
});

/** The description limit the citizens' form is rendered with, from `n` requests on fresh connections. */
async function limitsServed(n: number): Promise<number[]> {
  const limits: number[] = [];
  for (let i = 0; i < n; i++) {
    const { status, body } = await get("/segnala");
    expect(status).toBe(200);
    const match = /descriptionMax\\?"\s*:\s*(\d+)/.exec(body);
    expect(match, "il modulo porta il limite della descrizione").not.toBeNull();
    limits.push(Number(match![1]));
  }
  return limits;
}

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: PORT, path, agent: false, headers: { host: HOST, "accept-language": "it-IT" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
}

/** The server's worker processes: children of the primary (Linux /proc). */
function workerPids(): number[] {
  if (!server?.pid) return [];
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === server.pid) pids.push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  return pids;
}
