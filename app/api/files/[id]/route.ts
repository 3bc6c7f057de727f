import { randomUUID } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getPublicFile } from "@/lib/reports/get-public-file";
import { liveTenantFromHeaders as tenantFromHeaders } from "@/lib/tenancy/tenant-for-host";

const SAFE_INLINE = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

/**
 * GET /api/files/<attachmentId>?size=thumb|full[&t=<view token>]: a report photo or document (e.g. the PDF
 * of a public reply), if the public may see it. Documents download under their original name.
 */
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
        "Content-Disposition": inline ? "inline" : attachmentDisposition(file.name),
        "X-Content-Type-Options": "nosniff",
        // A photo hidden by moderation must disappear soon: short shared caching for public reports only.
        "Cache-Control": file.publicReport ? "public, max-age=300" : "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return new Response("Not found", { status: 404 });
    // No page renders this: a machine-readable status, with a reference to find the log line.
    const ref = randomUUID();
    logger.error("file route failed", { ref, error: String(error) });
    return Response.json({ error: "internal_error", ref }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (filename*), so "Verbale è.pdf" survives. */
function attachmentDisposition(name: string | null): string {
  if (!name) return "attachment";
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // RFC 5987 attr-chars exclude ' ( ) * which encodeURIComponent keeps.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
