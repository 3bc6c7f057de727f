import { getStorage } from "@/lib/storage";
import { emblemKey } from "@/lib/onboarding/update-branding";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

/** The comune's emblem, public (it is on every page of its site). Only PNGs Piazza itself wrote are served. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const tenant = await tenantForHost(requestHost(request.headers));
  if (!tenant || !/^[0-9a-f-]{36}\.png$/.test(file)) return new Response("Not found", { status: 404 });
  const data = await getStorage().get(emblemKey(tenant.id, file));
  if (!data) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(data), {
    headers: { "content-type": "image/png", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
  });
}
