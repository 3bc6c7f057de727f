import { performance } from "node:perf_hooks";

export type Figure = { name: string; runs: number; medianMs: number; p95Ms: number; opsPerSec: number };

/** Runs `fn` `runs` times after `warmup` runs, one at a time, and returns latency figures. */
export async function measure(name: string, fn: (i: number) => Promise<unknown>, runs = 200, warmup = 20): Promise<Figure> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i + warmup);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    name,
    runs,
    medianMs: round(times[Math.floor(runs / 2)]!),
    p95Ms: round(times[Math.floor(runs * 0.95)]!),
    opsPerSec: round((runs / total) * 1000),
  };
}

/** Runs `total` calls with `concurrency` in flight; returns throughput and latency. */
export async function measureConcurrent(name: string, fn: (i: number) => Promise<unknown>, total = 500, concurrency = 16): Promise<Figure> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    name: `${name} (×${concurrency})`,
    runs: total,
    medianMs: round(times[Math.floor(total / 2)]!),
    p95Ms: round(times[Math.floor(total * 0.95)]!),
    opsPerSec: round((total / elapsed) * 1000),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  console.log("| operation | runs | median ms | p95 ms | ops/s |");
  console.log("|---|---:|---:|---:|---:|");
  for (const f of figures) console.log(`| ${f.name} | ${f.runs} | ${f.medianMs} | ${f.p95Ms} | ${f.opsPerSec} |`);
}
