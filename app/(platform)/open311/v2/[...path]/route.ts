import { handleOpen311 } from "@/lib/open311/handle-open311";
import { open311Target } from "@/lib/open311/jurisdiction";

/**
 * GeoReport v2 on every host: a comune's own host ({slug}.ROOT_DOMAIN or its custom domain) answers for
 * that comune; the root domain is the shared endpoint where jurisdiction_id picks the comune. The proxy
 * leaves /open311/ alone (proxy.ts): the Host is resolved here by the same pure resolveHost, which spares
 * every API call a proxy pass and a rewrite. Any other host (the vendor console, unknown names) is 404.
 */
type Params = { params: Promise<{ path: string[] }> };

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: Params) {
  return handleOpen311(request, (await params).path, open311Target(request.headers));
}

export async function POST(request: Request, { params }: Params) {
  return handleOpen311(request, (await params).path, open311Target(request.headers));
}
