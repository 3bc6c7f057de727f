// `npm start`: Piazza's production server (after `npm run build`). Arguments go to `next start` (-p, -H).
//
// On PostgreSQL it runs one Next.js worker per core with Node's cluster module: the workers share the
// listening port; this primary only forks them, restarts one that dies, relays the messages a worker
// broadcasts to the others (lib/cluster/broadcast.ts: "forget the cached comuni") and passes shutdown
// signals on. A single Node process uses one core for JavaScript — rendering, routing, drizzle, the
// PostgreSQL protocol — and leaves the rest of a small machine idle (docs/BENCHMARKS.md). Background jobs
// (outbox delivery, billing and maintenance sweeps) run in the first worker only; they are safe to run in
// several instances anyway (SKIP LOCKED), this just avoids polling twice from one machine.
//
// On the embedded PGlite (no DATABASE_URL) it is one process: that process is the database's only writer.
// WEB_CONCURRENCY sets the number of workers (1 = no cluster, as `next start`). DATABASE_POOL_MAX is the
// instance's connections to PostgreSQL: the workers share it (each gets its part, rounded up), so adding
// workers never multiplies what the database has to serve — on two cores, twenty backends for two
// workers spent a quarter more PostgreSQL CPU per report filed than ten did (docs/BENCHMARKS.md).
import cluster from "node:cluster";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import { createListener } from "./server-listener.mjs";

const require = createRequire(import.meta.url);
const embedded = !process.env.DATABASE_URL;
const requested = process.env.WEB_CONCURRENCY?.trim();
const count = requested ? Number(requested) : embedded ? 1 : os.availableParallelism();
if (!Number.isInteger(count) || count < 1 || count > 64) {
  console.error(`WEB_CONCURRENCY non valido: "${requested}" (un intero da 1 a 64)`);
  process.exit(1);
}
if (embedded && count > 1) console.warn("WEB_CONCURRENCY ignorato: il database incorporato (PGlite) vuole un solo processo");
const workers = embedded ? 1 : count;
const pool = process.env.DATABASE_POOL_MAX?.trim() || "10";
// An invalid value goes to the workers as given: lib/env.ts refuses it with its own message.
const poolPerWorker = /^[1-9][0-9]*$/.test(pool) ? String(Math.ceil(Number(pool) / workers)) : pool;

// Checked here, before any worker is forked: a wrong option stops the server once, not every worker in a loop.
const options = parseArgs(process.argv.slice(2));

if (cluster.isWorker || workers === 1) {
  runServer(options).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runPrimary(workers);
}

/**
 * One server process: Next's request handler behind a node:http server of our own (Next's documented
 * custom server), so that the machine endpoints — GeoReport v2 and the map's GeoJSON — are answered
 * before Next's router (ADR 0010): for them Next's per-request routing cost more CPU than the work.
 * Their handlers live in Next's bundles; the instrumentation hook publishes them on globalThis
 * (lib/http/node-routes.ts). Everything else goes to Next unchanged (scripts/server-listener.mjs).
 */
async function runServer(options) {
  process.env.NODE_ENV ??= "production";
  const next = require("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: options.hostname ?? "localhost", port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
  const server = http.createServer(createListener({ handle, trustProxy }));
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, resolve);
  });
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    console.log(`Piazza in ascolto su http://${options.hostname ?? "localhost"}:${options.port}`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Requests in flight are answered; idle keep-alive connections close now; 10 s at most.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** `next start`'s options that Piazza's deployments use: -p/--port, -H/--hostname, --keepAliveTimeout. */
function parseArgs(argv) {
  const options = { port: Number(process.env.PORT || 3000), hostname: undefined, keepAliveTimeout: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "start") continue;
    else if (flag === "-p" || flag === "--port") options.port = Number(value());
    else if (flag === "-H" || flag === "--hostname") options.hostname = value();
    else if (flag === "--keepAliveTimeout") options.keepAliveTimeout = Number(value());
    else {
      console.error(`Opzione non riconosciuta: ${argv[i]} (npm start accetta -p, -H, --keepAliveTimeout)`);
      process.exit(1);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error(`Porta non valida: ${options.port}`);
    process.exit(1);
  }
  if (options.keepAliveTimeout !== undefined && !(Number.isInteger(options.keepAliveTimeout) && options.keepAliveTimeout >= 0)) {
    console.error(`--keepAliveTimeout non valido: millisecondi, un intero ≥ 0`);
    process.exit(1);
  }
  return options;
}

function runPrimary(n) {
  cluster.setupPrimary({ args: process.argv.slice(2) });
  const slots = new Map(); // worker id → slot (0 runs the background jobs)
  let stopping = false;
  const fork = (slot) => {
    const env = { DATABASE_POOL_MAX: poolPerWorker, ...(slot === 0 || process.env.OUTBOX_WORKER === "0" ? {} : { OUTBOX_WORKER: "0" }) };
    slots.set(cluster.fork(env).id, slot);
  };
  for (let slot = 0; slot < n; slot++) fork(slot);

  cluster.on("message", (from, message) => {
    if (!message || message.piazza !== "broadcast") return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message);
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.get(worker.id) ?? 0;
    slots.delete(worker.id);
    if (stopping) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} terminato (${signal ?? code}): lo riavvio`);
    setTimeout(() => fork(slot), 1000).unref();
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // Workers finish what they are answering; after 10 s whatever is left is stopped.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
