import { logger } from "@/lib/logger";
import { purgeExpired } from "./purge";

const STARTED = Symbol.for("piazza.maintenance.sweeper");

/** Hourly housekeeping inside the web process (idempotent: several instances may run it). */
export function startMaintenanceSweeper(intervalMs = 60 * 60 * 1000): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  const run = async () => {
    try {
      const result = await purgeExpired();
      if (Object.values(result).some((n) => n > 0)) logger.info("pulizia periodica", result);
    } catch (error) {
      logger.error("pulizia periodica non riuscita", { error: String(error) });
    }
  };
  setInterval(run, intervalMs).unref();
}
