import { handleOpen311 } from "@/lib/open311/handle-open311";

/** GeoReport v2 shared by every comune on the root domain: jurisdiction_id picks the comune. */
type Params = { params: Promise<{ path: string[] }> };

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: Params) {
  return handleOpen311(request, (await params).path, { kind: "shared" });
}

export async function POST(request: Request, { params }: Params) {
  return handleOpen311(request, (await params).path, { kind: "shared" });
}
