import { getEngine } from "@/db/client";
import { assertProductionEnv, env } from "@/lib/env";
import { printStartupBanner } from "@/lib/startup-banner";

/**
 * Refuse to run in production without secrets, then open the database so migrations (and, on a fresh
 * embedded database, the demo seed) happen before the first request.
 */
export async function startServer(): Promise<void> {
  assertProductionEnv();
  const engine = await getEngine();
  await printStartupBanner(engine.kind, env.ROOT_DOMAIN);
}
