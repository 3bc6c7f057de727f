import fs from "node:fs/promises";
import path from "node:path";

/**
 * maplibre-gl 6 starts its web worker from a URL relative to its own module, which does not survive
 * bundling (the chunk's folder has no worker file) — without a worker no GeoJSON source is drawn. The map
 * component points maplibre here instead (setWorkerUrl); the file is the package's own worker, served as is.
 */
let cached: Buffer | null = null;

export async function GET() {
  cached ??= await fs.readFile(path.join(process.cwd(), "node_modules", "maplibre-gl", "dist", "maplibre-gl-worker.mjs"));
  return new Response(new Uint8Array(cached), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    },
  });
}
