import cluster from "node:cluster";

/**
 * Tells the other workers of this machine's server (scripts/serve.mjs runs one per core on PostgreSQL)
 * that something they keep in memory changed — today, that the cached comuni must be forgotten. The
 * primary relays the message to every other worker; a process outside a cluster (next start, next dev,
 * tests) has no one to tell. Other machines are not told: they keep honouring TENANT_CACHE_SECONDS.
 */
export function broadcast(topic: BroadcastTopic): void {
  if (cluster.isWorker && process.send) process.send({ piazza: "broadcast", topic } satisfies Message);
}

/** Runs `handler` when another worker broadcasts `topic`. One listener per process and topic. */
export function onBroadcast(topic: BroadcastTopic, handler: () => void): void {
  const registry = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map<string, () => void>()) as Map<string, () => void>;
  if (registry.size === 0 && cluster.isWorker) {
    process.on("message", (message: unknown) => {
      const m = message as Partial<Message> | null;
      if (m?.piazza === "broadcast" && typeof m.topic === "string") registry.get(m.topic)?.();
    });
  }
  registry.set(topic, handler);
}

export type BroadcastTopic = "forget-tenants";
type Message = { piazza: "broadcast"; topic: BroadcastTopic };
/** Shared by every copy of this module the server's bundles may hold (one listener per process). */
const REGISTRY = Symbol.for("piazza.broadcast.handlers");
