import http from "node:http";
import { performance } from "node:perf_hooks";

/**
 * npm run bench:http — load on a RUNNING server (`npm run build && npm start`, or the e2e server), over
 * real HTTP with the comune's Host header, bounded in time. Env: BENCH_BASE (default http://127.0.0.1:3000),
 * BENCH_HOST (default fossano.localhost:3000), BENCH_SECONDS (10), BENCH_CONCURRENCY (16).
 */
const base = new URL(process.env.BENCH_BASE ?? "http://127.0.0.1:3000");
const host = process.env.BENCH_HOST ?? "fossano.localhost:3000";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const targets: [string, string][] = [
  ["GeoJSON, street viewport", "/api/reports/geojson?bbox=7.715,44.545,7.735,44.555&zoom=16"],
  ["GeoJSON, whole town", "/api/reports/geojson?bbox=7.5,44.4,8.0,44.7&zoom=11"],
  ["Open311 requests.json", "/open311/v2/requests.json"],
  ["home page (SSR)", "/"],
];

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, agent, headers: { host } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

console.log(`| endpoint (${host}, ${concurrency} connections, ${seconds} s) | req/s | median ms | p95 ms | errors |`);
console.log("|---|---:|---:|---:|---:|");
for (const [name, path] of targets) {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await get(path).catch(() => 0);
        if (status !== 200) errors++;
        times.push(performance.now() - t0);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.floor(times.length * p)]!.toFixed(1);
  console.log(`| ${name} | ${(times.length / seconds).toFixed(0)} | ${q(0.5)} | ${q(0.95)} | ${errors} |`);
}
agent.destroy();
