import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, getEngine } from "@/db/client";
import { rowsOf } from "@/lib/reports/list-public";
import { runPair, type Call, type LoadResult } from "./load";
import {
  countPublicInBox,
  countReports,
  ensureComuni,
  issueApiKeys,
  removeSubmissions,
  sizeDataset,
  type MapComune,
} from "./map-dataset";
import { freePort, request, startServer, type Server } from "./servers";

/**
 * npm run bench:map — the citizens' map and report submission over real HTTP, Piazza's production build
 * side by side with a minimal node:http + postgres.js server doing the same SQL in the same RLS
 * transaction (scripts/bench/minimal-server.ts), on 100 synthetic comuni in PostgreSQL measured at
 * 100,000 then 1,000,000 reports. Needs `npm run build` first and DATABASE_URL (a scratch database).
 * Env: BENCH_TOTAL (1000000), BENCH_STAGES (comma list, default BENCH_TOTAL/10,BENCH_TOTAL),
 * BENCH_SECONDS per scenario and server (12), in BENCH_SLICES turns (4: the servers loaded in turns, A B B A…),
 * BENCH_WARMUP (3; 10 the first time a route is loaded), BENCH_CONNECTIONS (32), BENCH_ONLY (scenarios whose name contains one of these comma-separated words,
 * e.g. "submission,floor"; default all — the targets are judged on a full run).
 */
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL?.startsWith("postgres")) {
  console.error("bench:map needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/piazza_bench (a scratch database).");
  console.error("It loads up to a million reports and compares two servers sharing one database: the embedded PGlite cannot do that.");
  process.exit(2);
}
if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
  console.error("bench:map measures the production build: run `npm run build` first.");
  process.exit(2);
}
const total = Number(process.env.BENCH_TOTAL ?? 1_000_000);
const stages = (process.env.BENCH_STAGES ?? `${Math.round(total / 10)},${total}`).split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 12);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const slices = Number(process.env.BENCH_SLICES ?? 4);
const only = (process.env.BENCH_ONLY ?? "").split(",").map((w) => w.trim()).filter(Boolean);
const FEATURES = 500;

type Box = [number, number, number, number];
type Scenario = { name: string; kind: "viewport" | "town" | "submit" | "floor"; piazza: (i: number) => Call; minimal: (i: number) => Call };
type Row = { stage: number; scenario: Scenario; features: string; minimal: LoadResult; piazza: LoadResult };

// The machine's own load before this script adds any: the figures are only comparable on a quiet machine.
const loadBefore = os.loadavg()[0]!;
const { db } = await getEngine();
const pgVersion = rowsOf<{ v: string }>(await db.execute(sql`select split_part(version(), ' on ', 1) as v`))[0]!.v;
const t0 = Date.now();
const comuni = await ensureComuni(db);
await removeSubmissions(db, comuni);
const keys = await issueApiKeys(comuni);
const largest = comuni[0]!;
console.log(`${comuni.length} comuni ready in ${secondsSince(t0)} s; largest ${largest.slug} (${largest.population.toLocaleString("en")} inhabitants)`);

const servers: Server[] = [];
const stopAll = () => servers.forEach((s) => s.stop());
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));
const [piazzaPort, minimalPort] = [await freePort(), await freePort()];
const piazzaHost = (slug: string) => `${slug}.localhost:${piazzaPort}`;
const minimalHost = (slug: string) => `${slug}.localhost:${minimalPort}`;
const serverEnv = (port: number): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  ROOT_DOMAIN: `localhost:${port}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-map-secret-bench-map-secret-0123456789",
  // The outbox worker would deliver the receipts the submissions enqueue; that is background work, not
  // part of answering the request, and it would steal CPU from the measurement.
  OUTBOX_WORKER: "0",
  LOG_LEVEL: "warn",
  // As deployed, behind a reverse proxy that passes each citizen's address (X-Forwarded-For): without it
  // every request comes from 127.0.0.1 and the production per-address limit (120 a minute per comune)
  // refuses a loopback flood of the bench's own making — 429s that are cheaper than filings.
  TRUST_PROXY: "1",
});
servers.push(
  // As `npm start` runs it in production: scripts/serve.mjs (one Next worker per core on PostgreSQL).
  await startServer("piazza", [process.execPath, path.resolve("scripts/serve.mjs"), "-p", String(piazzaPort)], serverEnv(piazzaPort), piazzaPort, { path: "/api/reports/geojson?zoom=11", host: piazzaHost(largest.slug) }, "/tmp/bench-map-piazza.log"),
  await startServer("minimal", [path.resolve("node_modules/.bin/tsx"), "scripts/bench/minimal-server.ts"], serverEnv(minimalPort), minimalPort, { path: "/geojson?zoom=11", host: minimalHost(largest.slug) }, "/tmp/bench-map-minimal.log"),
);
console.log(`servers: piazza (npm start: scripts/serve.mjs) on ${piazzaPort}, minimal on ${minimalPort}; ${connections} connections, ${seconds} s per scenario after ${warmup} s warm-up`);

const rows: Row[] = [];
// Routes each server has already answered under load: see the warm-up below.
const warmed = new Set<string>();
for (const stage of stages) {
  const t1 = Date.now();
  const changed = await sizeDataset(db, comuni, stage);
  const count = await countReports(db, comuni);
  console.log(`\n== ${count.toLocaleString("en")} reports (+${changed.inserted} −${changed.deleted} in ${secondsSince(t1)} s)`);
  if (stage === stages[0] && loadBefore > os.cpus().length / 2) {
    console.log(`   (load average ${loadBefore.toFixed(2)} before the run: the machine is busy with other work — absolute figures are low, compare the ratios)`);
  }
  const selected = (await scenarios()).filter((s) => only.length === 0 || only.some((w) => s.name.includes(w)));
  for (const scenario of selected) {
    const features = await checkScenario(scenario);
    // The first time a route is loaded it warms up longer: the JIT compiles a code path after thousands
    // of calls, and Piazza's (Next's router, validation, drizzle) is far longer than the minimal server's,
    // so a short warm-up measured Piazza's submissions half-compiled — 20 % of the minimal rate at the
    // first stage, 27 % at the second, same code. It also keeps the JIT's start out of the 100,000 stage
    // (the growth ratio). Both servers get the same warm-up.
    const route = `${scenario.piazza(0).method ?? "GET"} ${scenario.piazza(0).path.split("?")[0]}`;
    const load = { connections, seconds, warmup: warmed.has(route) ? warmup : Math.max(warmup, 10) };
    warmed.add(route);
    const [minimal, piazza] = await runPair(
      { base: `http://127.0.0.1:${minimalPort}`, next: scenario.minimal },
      { base: `http://127.0.0.1:${piazzaPort}`, next: scenario.piazza },
      { ...load, slices },
    );
    rows.push({ stage, scenario, features, minimal, piazza });
    console.log(`${scenario.name} [${features}]: minimal ${fmt(minimal)} | piazza ${fmt(piazza)}`);
  }
}
stopAll();
printReport();
await closeDb();
process.exit(0);

/** The scenarios on the largest comune, with viewports sized to ≈ 500 public features at this stage. */
async function scenarios(): Promise<Scenario[]> {
  const street = await sizedBox(largest, "street");
  const district = await sizedBox(largest, "district");
  const town: Box = [largest.lng - 0.25, largest.lat - 0.15, largest.lng + 0.25, largest.lat + 0.15];
  const geo = (box: Box, zoom: number, host: (slug: string) => string, route: string) => (i: number): Call => {
    const b = jitter(box, i);
    return { path: `${route}?bbox=${b.map((n) => n.toFixed(6)).join(",")}&zoom=${zoom}`, host: host(largest.slug) };
  };
  const viewport = (name: string, kind: Scenario["kind"], box: Box, zoom: number): Scenario => ({
    name,
    kind,
    piazza: geo(box, zoom, piazzaHost, "/api/reports/geojson"),
    minimal: geo(box, zoom, minimalHost, "/geojson"),
  });
  return [
    viewport(`street viewport (${boxMetres(street)} m, zoom 17)`, "viewport", street, 17),
    viewport(`district viewport (${boxMetres(district)} m, zoom 14)`, "viewport", district, 14),
    viewport("whole town (zoom 11)", "town", town, 11),
    { name: "report submission", kind: "submit", piazza: submitPiazza, minimal: submitMinimal },
    // Not a target: what each server answers with no database work at all (Piazza: its health route).
    { name: "framework floor (no database)", kind: "floor", piazza: () => ({ path: "/api/health", host: piazzaHost(largest.slug) }), minimal: () => ({ path: "/health", host: minimalHost(largest.slug) }) },
    // Not a target: the Open311 path (where submissions arrive) answering after one comune lookup only.
    {
      name: "Open311 route floor (comune lookup only)",
      kind: "floor",
      piazza: (i) => ({ path: "/open311/v2/discovery.json", host: piazzaHost(comuni[i % comuni.length]!.slug) }),
      minimal: (i) => ({ path: "/discovery", host: minimalHost(comuni[i % comuni.length]!.slug) }),
    },
  ];
}

/**
 * Street: a box at the town centre grown until it holds ≈ 500 public reports. District: a 3 km box
 * (zoom 14) moved out from the centre until it holds ≈ 500 — the outskirts, where a district view of that
 * size shows about as many reports as a central street does.
 */
async function sizedBox(c: MapComune, kind: "street" | "district"): Promise<Box> {
  const box = (metres: number, eastKm: number): Box => {
    const dLat = metres / 2 / 111_320;
    const dLng = metres / 2 / (111_320 * Math.cos((c.lat * Math.PI) / 180));
    const lng = c.lng + eastKm / (111.32 * Math.cos((c.lat * Math.PI) / 180));
    return [lng - dLng, c.lat - dLat, lng + dLng, c.lat + dLat];
  };
  let [lo, hi] = kind === "street" ? [20, 20_000] : [0, 60];
  const make = (x: number) => (kind === "street" ? box(x, 0) : box(3000, x));
  for (let step = 0; step < 25; step++) {
    const mid = (lo + hi) / 2;
    const n = await countPublicInBox(db, c.id, make(mid));
    const more = kind === "street" ? n < FEATURES : n > FEATURES;
    if (more) lo = mid;
    else hi = mid;
  }
  return make((lo + hi) / 2);
}

/** Moves a box by up to ±10 % of its size, so requests are not all the same URL. */
function jitter([a, b, c, d]: Box, i: number): Box {
  const dx = ((((i * 7919) % 21) - 10) / 100) * (c - a);
  const dy = ((((i * 104_729) % 21) - 10) / 100) * (d - b);
  return [a + dx, b + dy, c + dx, d + dy];
}

/** Open311 POST: createReport for real (validation, code, routing, timeline, follower, outbox) on every comune in turn. */
function submitPiazza(i: number): Call {
  const c = comuni[i % comuni.length]!;
  const form = new URLSearchParams({
    api_key: keys.get(c.slug)!,
    service_code: c.categoryId,
    lat: (c.lat + ((i % 50) - 25) * 0.0001).toFixed(6),
    long: c.lng.toFixed(6),
    description: `Buca profonda davanti al civico ${i}, pericolosa per i ciclisti.`,
    email: `bench${i}@example.it`,
  });
  return {
    method: "POST",
    path: "/open311/v2/requests.json",
    host: piazzaHost(c.slug),
    body: form.toString(),
    contentType: "application/x-www-form-urlencoded",
    headers: { "x-forwarded-for": citizenAddress(i) },
  };
}

/** A different address per request, as many citizens' phones (the bench:submission spread): no limit is relaxed. */
function citizenAddress(i: number): string {
  return `198.51.100.${i % 250}`;
}

function submitMinimal(i: number): Call {
  const c = comuni[i % comuni.length]!;
  const body = JSON.stringify({ lat: c.lat + ((i % 50) - 25) * 0.0001, lng: c.lng, description: `Buca profonda davanti al civico ${i}, pericolosa per i ciclisti.` });
  return { method: "POST", path: "/reports", host: minimalHost(c.slug), body, headers: { "x-forwarded-for": citizenAddress(i) } };
}

/** One request to each server first: both must succeed, and viewports must return the same features. */
async function checkScenario(s: Scenario): Promise<string> {
  const [p, m] = [s.piazza(0), s.minimal(0)];
  const [rp, rm] = [
    await request(piazzaPort, p.host, p.path, { method: p.method, body: p.body, contentType: p.contentType }),
    await request(minimalPort, m.host, m.path, { method: m.method, body: m.body, contentType: m.contentType }),
  ];
  if (rp.status >= 300 || rm.status >= 300) throw new Error(`${s.name}: piazza ${rp.status} ${rp.body.slice(0, 200)} / minimal ${rm.status} ${rm.body.slice(0, 200)}`);
  if (s.kind === "submit" || s.kind === "floor") return `${(rp.body.length / 1024).toFixed(1)} KB answer`;
  const [fp, fm] = [JSON.parse(rp.body), JSON.parse(rm.body)] as { features: unknown[]; truncated: boolean }[];
  if (fp!.features.length !== fm!.features.length) throw new Error(`${s.name}: piazza ${fp!.features.length} features, minimal ${fm!.features.length}`);
  return `${fp!.features.length} features${fp!.truncated ? " (truncated)" : ""}, ${(rp.body.length / 1024).toFixed(0)} KB`;
}

function printReport() {
  const lines: string[] = [];
  lines.push(`\n| reports | scenario | features | minimal req/s | p50 / p95 / p99 ms | Piazza req/s | p50 / p95 / p99 ms | req/s ratio | p95 ratio | errors (min/Piazza) |`);
  lines.push("|---:|---|---|---:|---|---:|---|---:|---:|---|");
  for (const r of rows) {
    lines.push(
      `| ${r.stage.toLocaleString("en")} | ${r.scenario.name} | ${r.features} | ${r.minimal.rps} | ${pct(r.minimal)} | ${r.piazza.rps} | ${pct(r.piazza)} | ${ratio(r.piazza.rps, r.minimal.rps)} | ${ratio(r.piazza.p95, r.minimal.p95)} | ${r.minimal.errors}/${r.piazza.errors} |`,
    );
  }
  console.log(lines.join("\n"));

  const last = stages[stages.length - 1]!;
  const first = stages[0]!;
  const at = (stage: number, kind: Scenario["kind"]) => rows.filter((r) => r.stage === stage && r.scenario.kind === kind);
  const checks: [string, boolean, string][] = [];
  for (const r of at(last, "viewport")) {
    const rpsRatio = r.piazza.rps / r.minimal.rps;
    const p95Ratio = r.piazza.p95 / r.minimal.p95;
    checks.push([`${r.scenario.name}: ≥ 50 % of minimal req/s, p95 ≤ 1.5×`, rpsRatio >= 0.5 && p95Ratio <= 1.5, `${pctOf(rpsRatio)} req/s, p95 ${p95Ratio.toFixed(2)}×`]);
  }
  for (const r of at(last, "submit")) {
    const rpsRatio = r.piazza.rps / r.minimal.rps;
    checks.push(["report submission: ≥ 30 % of minimal inserts/s", rpsRatio >= 0.3, `${r.piazza.rps} vs ${r.minimal.rps} req/s = ${pctOf(rpsRatio)}`]);
  }
  if (first !== last) {
    for (const r of at(last, "viewport")) {
      const before = at(first, "viewport").find((b) => b.scenario.name.split(" (")[0] === r.scenario.name.split(" (")[0]);
      if (!before) continue;
      const growth = r.piazza.p50 / before.piazza.p50;
      checks.push([`${r.scenario.name.split(" (")[0]}: Piazza p50 grows ≤ 1.5× from ${first.toLocaleString("en")} to ${last.toLocaleString("en")}`, growth <= 1.5, `${before.piazza.p50} → ${r.piazza.p50} ms = ${growth.toFixed(2)}×`]);
    }
  }
  const town = at(last, "town")[0];
  const street = at(last, "viewport")[0];
  if (town && street) {
    // "As fast as": within 10 % of the street view's throughput and p95 (the noise between two runs here).
    const ok = town.piazza.rps >= 0.9 * street.piazza.rps && town.piazza.p95 <= 1.1 * street.piazza.p95;
    checks.push(["whole town as fast as a street view (Piazza, within 10 %)", ok, `${town.piazza.rps} vs ${street.piazza.rps} req/s, p95 ${town.piazza.p95} vs ${street.piazza.p95} ms`]);
  }
  const errors = rows.reduce((n, r) => n + r.minimal.errors + r.piazza.errors, 0);
  checks.push(["no errors (non-2xx, timeouts)", errors === 0, `${errors}`]);
  console.log("\n| target | result | figures |\n|---|---|---|");
  for (const [name, ok, figures] of checks) console.log(`| ${name} | ${ok ? "PASS" : "FAIL"} | ${figures} |`);
  console.log(`\n${os.cpus().length} cores, load average ${loadBefore.toFixed(2)} before the run, node ${process.version}, ${pgVersion}`);
}

function fmt(r: LoadResult) {
  return `${r.rps} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ""}`;
}
function pct(r: LoadResult) {
  return `${r.p50} / ${r.p95} / ${r.p99}`;
}
function ratio(a: number, b: number) {
  return (a / b).toFixed(2);
}
function pctOf(x: number) {
  return `${Math.round(x * 100)} %`;
}
function boxMetres([a, , c]: Box) {
  return Math.round((c - a) * 111_320 * Math.cos((largest.lat * Math.PI) / 180));
}
function secondsSince(t: number) {
  return ((Date.now() - t) / 1000).toFixed(1);
}
