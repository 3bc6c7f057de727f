import { logger } from "@/lib/logger";
import { sweepBillingStatuses } from "./sweep";

const STARTED = Symbol.for("piazza.billing.sweeper");

/** Runs the billing sweep every ten minutes inside the web process (one loop per process). */
export function startBillingSweeper(intervalMs = 10 * 60 * 1000): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  const tick = () =>
    sweepBillingStatuses()
      .then(({ suspended }) => suspended.length && logger.info("billing sweep suspended comuni", { count: suspended.length }))
      .catch((error: unknown) => logger.error("billing sweep failed", { error: String(error) }));
  setInterval(tick, intervalMs).unref();
}
