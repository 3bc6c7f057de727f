import autocannon from "autocannon";

export type Call = {
  method?: "GET" | "POST";
  path: string;
  host: string;
  body?: string;
  contentType?: string;
  /** Extra request headers (e.g. X-Forwarded-For: the citizen's address as a reverse proxy passes it). */
  headers?: Record<string, string>;
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx answers, connection errors and timeouts: any of them makes the figure suspect. */
  errors: number;
  bytesPerResponse: number;
};

type Target = { base: string; next: (i: number) => Call };

/**
 * Two servers loaded in turns on one machine: both warmed up, then `slices` rounds of `seconds / slices`
 * each, the order flipped every round (A B, B A, A B, …) so that a machine slowing down or speeding up
 * during the scenario — these shared machines swing by a third within a minute — weighs on both alike
 * instead of on whichever went second. Each server's figures are over all its rounds together.
 */
export async function runPair(
  a: Target,
  b: Target,
  options: { connections: number; seconds: number; warmup: number; slices: number },
): Promise<[LoadResult, LoadResult]> {
  if (options.warmup > 0) {
    await fire(a.base, a.next, options.connections, options.warmup);
    await fire(b.base, b.next, options.connections, options.warmup);
  }
  const slice = Math.max(1, Math.round(options.seconds / options.slices));
  const runs: [Fired[], Fired[]] = [[], []];
  for (let k = 0; k < options.slices; k++) {
    const order = k % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const side of order) {
      const t = side === 0 ? a : b;
      runs[side].push(await fire(t.base, t.next, options.connections, slice));
    }
  }
  return [summarise(...runs[0]), summarise(...runs[1])];
}

type Fired = { times: number[]; seconds: number; bad: number; bytes: number };

/**
 * Closed-loop load with autocannon: `connections` keep-alive connections, each sending its next request
 * as soon as the previous answer arrives. `next(i)` gives the i-th request (hosts, paths and bodies can
 * vary). Percentiles are computed from every response time (autocannon's own summary has no p95).
 */
async function fire(base: string, next: (i: number) => Call, connections: number, seconds: number): Promise<Fired> {
  let i = 0;
  const times: number[] = [];
  let bad = 0;
  let bytes = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const call = next(i++);
          const headers: Record<string, string> = { ...call.headers, host: call.host };
          if (call.body !== undefined) headers["content-type"] = call.contentType ?? "application/json";
          return { ...request, method: call.method ?? "GET", path: call.path, headers, body: call.body };
        },
      },
    ],
  });
  instance.on("response", (_client, status, resBytes, responseTime) => {
    times.push(responseTime);
    bytes += resBytes;
    if (status < 200 || status > 299) bad++;
  });
  const result = await instance;
  return { times, seconds: result.duration, bad: bad + result.errors + result.timeouts, bytes };
}

/** Requests/s and percentiles over every response of the given runs together. */
function summarise(...runs: Fired[]): LoadResult {
  const times = runs.flatMap((r) => r.times).sort((x, y) => x - y);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const q = (p: number) => round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN);
  return {
    requests: times.length,
    rps: round(times.length / seconds),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    errors: runs.reduce((sum, r) => sum + r.bad, 0),
    bytesPerResponse: Math.round(runs.reduce((sum, r) => sum + r.bytes, 0) / Math.max(1, times.length)),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
