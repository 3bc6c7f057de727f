import { ApiProblem, methodNotAllowed, withApiTenant } from "@/lib/api/problem";
import { getPublicPhoto } from "@/lib/api/v1/public-photo";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/v1/photos/{id}: a public photo (Open311 media_url). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withApiTenant(request, async ({ tenant }) => {
    const photo = await getPublicPhoto(tenant, id);
    if (!photo) throw new ApiProblem(404, "not_found");
    return new Response(new Uint8Array(photo.data), {
      headers: {
        "Content-Type": photo.mimeType,
        "Cache-Control": "public, max-age=60",
        "Content-Disposition": "inline",
        "Access-Control-Allow-Origin": "*",
      },
    });
  });
}
