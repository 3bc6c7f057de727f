import { handleOpen311 } from "@/lib/open311/handle-open311";

/** GeoReport v2 on a comune's own host ({slug}.ROOT_DOMAIN/open311/v2/…, rewritten here by the proxy). */
type Params = { params: Promise<{ tenant: string; path: string[] }> };

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: Params) {
  const { tenant, path } = await params;
  return handleOpen311(request, path, { kind: "tenant", segment: tenant });
}

export async function POST(request: Request, { params }: Params) {
  const { tenant, path } = await params;
  return handleOpen311(request, path, { kind: "tenant", segment: tenant });
}
