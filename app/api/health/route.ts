import { getEngine } from "@/db/client";

/** Liveness + database readiness for load balancers and the Playwright web server; host-agnostic. */
export async function GET() {
  const engine = await getEngine();
  return Response.json({ ok: true, engine: engine.kind });
}
