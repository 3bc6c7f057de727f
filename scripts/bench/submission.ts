import { closeDb, getEngine } from "@/db/client";
import { apiKeyLimitKey, postServiceRequest } from "@/lib/open311/post-service-request";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { ensureComuni, issueApiKeys, removeSubmissions } from "./map-dataset";

/**
 * npm run bench:submission — the CPU one report submission costs the Node process, without HTTP: the
 * Open311 POST's own work (rate-limit counters, API key, catalog, validation, numbering, routing,
 * timeline, follower, outbox, audit; the same call the route makes) looped with `process.cpuUsage()`,
 * round-robin over bench:map's 100 comuni. Quick to iterate on (≈ 20 s): bench:map gives the figures
 * that count (HTTP, production build, side by side with the minimal server). Needs DATABASE_URL
 * (PostgreSQL, a scratch database; creates bench:map's comuni if missing and removes what it filed).
 * Env: BENCH_SUBMISSIONS (2000), BENCH_CONCURRENCY (8), BENCH_ROUNDS (3).
 */
if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  console.error("bench:submission needs DATABASE_URL=postgres://… (a scratch database)");
  process.exit(1);
}
const total = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const { db } = await getEngine();
const comuni = await ensureComuni(db);
const keys = await issueApiKeys(comuni);
const tenants = await Promise.all(comuni.map(async (c) => (await getTenant(c.slug))!));

function submit(i: number) {
  const c = comuni[i % comuni.length]!;
  const tenant = tenants[i % comuni.length]!;
  const apiKey = keys.get(c.slug)!;
  const form = new URLSearchParams({
    api_key: apiKey,
    service_code: c.categoryId,
    lat: (c.lat + ((i % 50) - 25) * 0.0001).toFixed(6),
    long: c.lng.toFixed(6),
    description: `Buca profonda davanti al civico ${i}, pericolosa per i ciclisti.`,
    email: `bench${i}@example.it`,
  });
  // A different address per request, as many citizens' phones: no limit is relaxed.
  const ip = `198.51.100.${i % 250}`;
  const limits = [
    { key: `${tenant.id}:open311:${ip}`, rule: RATE_LIMITS.apiPerIp },
    { key: apiKeyLimitKey(tenant.id, apiKey), rule: RATE_LIMITS.apiPerKey },
  ];
  return postServiceRequest(tenant, { form, apiKey, idempotencyToken: null, ip, limits });
}

let next = 0;
async function round(count: number) {
  const start = next;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < start + count) await submit(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - t0) / 1000;
  return { rate: count / seconds, cpuMs: (used.user + used.system) / 1000 / count };
}

await round(300); // warm-up: JIT, prepared statements on every connection
console.log(`${total} submissions × ${rounds} rounds, ${concurrency} at a time, PostgreSQL, round-robin over ${comuni.length} comuni`);
const results = [];
for (let r = 0; r < rounds; r++) {
  const result = await round(total);
  results.push(result);
  console.log(`round ${r + 1}: ${result.rate.toFixed(0)} submissions/s, ${result.cpuMs.toFixed(3)} ms CPU per submission`);
}
const median = [...results].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(results.length / 2)]!;
console.log(`median: ${median.cpuMs.toFixed(3)} ms CPU per submission (${median.rate.toFixed(0)}/s)`);
await removeSubmissions(db, comuni);
await closeDb();
process.exit(0);
