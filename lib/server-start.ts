import cluster from "node:cluster";
import { getEngine } from "@/db/client";
import { registerNodeRoutes } from "@/lib/http/node-routes";
import { assertProductionEnv, env } from "@/lib/env";
import { startBillingSweeper } from "@/lib/billing/sweeper";
import { startMaintenanceSweeper } from "@/lib/maintenance/sweeper";
import { startOutboxWorker } from "@/lib/outbox/worker";
import { printStartupBanner } from "@/lib/startup-banner";

/**
 * Refuse to run in production without secrets, then open the database so migrations (and, on a fresh
 * embedded database, the demo seed) happen before the first request.
 */
export async function startServer(): Promise<void> {
  assertProductionEnv();
  registerNodeRoutes();
  const engine = await getEngine();
  if (env.OUTBOX_WORKER === "1") startOutboxWorker();
  if (env.OUTBOX_WORKER === "1") startBillingSweeper();
  if (env.OUTBOX_WORKER === "1") startMaintenanceSweeper();
  // Once per server, not once per worker (scripts/serve.mjs forks one per core; the first prints).
  if (!cluster.isWorker || cluster.worker?.id === 1) await printStartupBanner(engine.kind, env.ROOT_DOMAIN);
}
