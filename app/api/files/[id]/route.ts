import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getPublicFile } from "@/lib/reports/get-public-file";
import { tenantFromHeaders } from "@/lib/reports/request-tenant";

const SAFE_INLINE = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

/** GET /api/files/<attachmentId>?size=thumb|full[&t=<view token>]: a report photo, if the public may see it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const tenant = await tenantFromHeaders(request.headers);
  if (!tenant) return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const size = url.searchParams.get("size") === "full" ? "full" : "thumb";
  try {
    const file = await getPublicFile(tenant, (await params).id, size, url.searchParams.get("t"));
    const inline = SAFE_INLINE.has(file.mimeType);
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": inline ? file.mimeType : "application/octet-stream",
        "Content-Length": String(file.data.length),
        "Content-Disposition": inline ? "inline" : "attachment",
        "X-Content-Type-Options": "nosniff",
        // A photo hidden by moderation must disappear soon: short shared caching for public reports only.
        "Cache-Control": file.publicReport ? "public, max-age=300" : "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return new Response("Not found", { status: 404 });
    logger.error("file route failed", { error: String(error) });
    return new Response("Errore interno", { status: 500 });
  }
}
