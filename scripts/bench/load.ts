import autocannon from "autocannon";

export type Call = { method?: "GET" | "POST"; path: string; host: string; body?: string; contentType?: string };

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

/**
 * Closed-loop load with autocannon: `connections` keep-alive connections, each sending its next request
 * as soon as the previous answer arrives, for `seconds` after `warmup` seconds that are not counted.
 * `next(i)` gives the i-th request (hosts, paths and bodies can vary). Percentiles are computed from every
 * response time (autocannon's own summary has no p95).
 */
export async function runLoad(base: string, next: (i: number) => Call, options: { connections: number; seconds: number; warmup: number }): Promise<LoadResult> {
  if (options.warmup > 0) await fire(base, next, options.connections, options.warmup);
  return fire(base, next, options.connections, options.seconds);
}

async function fire(base: string, next: (i: number) => Call, connections: number, seconds: number): Promise<LoadResult> {
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
          const headers: Record<string, string> = { host: call.host };
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
  times.sort((a, b) => a - b);
  const q = (p: number) => round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN);
  return {
    requests: times.length,
    rps: round(times.length / result.duration),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    errors: bad + result.errors + result.timeouts,
    bytesPerResponse: Math.round(bytes / Math.max(1, times.length)),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
