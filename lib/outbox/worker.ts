import { logger } from "@/lib/logger";
import { processOutbox } from "./process";

const STARTED = Symbol.for("piazza.outbox.worker");

/** Polls the outbox every couple of seconds inside the web process (one loop per process). */
export function startOutboxWorker(intervalMs = 2000): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await processOutbox()).sent > 0) {
        // keep draining while there is work
      }
    } catch (error) {
      logger.error("outbox worker error", { error: String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(tick, intervalMs).unref();
}
