import type { Tx } from "@/db/client";
import { outbox } from "@/db/schema";
import type { OutboxJob } from "./jobs";
import { insertRow } from "@/db/insert-row";

/**
 * Records a side effect in the same transaction as the change that causes it: if the change commits, the
 * email will be delivered (by the worker, with retries); if it rolls back, nothing is sent. A dedupe key
 * makes enqueueing idempotent (a retried submit never sends two receipts).
 */
export async function enqueue(tx: Tx, tenantId: string, job: OutboxJob, dedupeKey?: string): Promise<void> {
  await enqueueStatement(tx, tenantId, job, dedupeKey);
}

/**
 * The insert enqueue() runs, not yet run: for pipeline() with the change that causes it. `fresh` says the
 * dedupe key names something this same transaction creates (a new report's id), so no earlier row can
 * hold it: a plain insert then, without `on conflict` (whose speculative insertion probes the unique
 * index first and writes a confirmation record) — a conflict would be a bug, and fails the transaction.
 */
export function enqueueStatement(tx: Tx, tenantId: string, job: OutboxJob, dedupeKey?: string, { fresh = false } = {}) {
  return insertRow(
    tx,
    outbox,
    { tenantId, kind: job.kind, payload: job as unknown as Record<string, unknown>, dedupeKey: dedupeKey ?? null },
    fresh ? undefined : [outbox.tenantId, outbox.dedupeKey],
  );
}
