import { DomainError, RateLimitedError, SuspendedError, ValidationError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { tenantFromHeaders } from "@/lib/http/request-tenant";
import { translatorFor } from "@/lib/http/translator";
import { logger } from "@/lib/logger";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { UPLOAD_MAX_BYTES } from "@/lib/uploads/limits";
import { storeUpload } from "@/lib/uploads/store-upload";

/** Multipart overhead on top of the file itself (boundaries, headers, the owner key). */
const BODY_MAX_BYTES = UPLOAD_MAX_BYTES + 64 * 1024;

/**
 * POST /api/uploads on a comune's host: one photo or PDF for a report being written (multipart: `file`,
 * `ownerKey`). Answers 201 `{ id, kind, thumbUrl, sizeBytes, originalName }`, or `{ code, message }` with
 * 400 (not an accepted file), 413 (too large), 429 (rate limit), 404 (not a comune's host).
 */
export async function POST(request: Request) {
  const tenant = await tenantFromHeaders(request.headers);
  if (!tenant) return new Response("Not found", { status: 404 });
  const t = translatorFor(request.headers, "reportForm.errors");
  const fail = (status: number, code: string, headers?: HeadersInit) =>
    Response.json({ code, message: t(code) }, { status, headers });

  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > BODY_MAX_BYTES) return fail(413, "file_too_large");

  try {
    await checkRateLimit(`${tenant.id}:upload:ip:${clientIp(request.headers)}`, RATE_LIMITS.uploadPerIp);
    const body = await readCapped(request, BODY_MAX_BYTES);
    if (!body) return fail(413, "file_too_large");
    const form = await new Response(new Blob([new Uint8Array(body)]), {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    })
      .formData()
      .catch(() => null);
    const file = form?.get("file");
    const ownerKey = form?.get("ownerKey");
    if (!(file instanceof File) || typeof ownerKey !== "string") return fail(400, "file_missing");
    const stored = await storeUpload({
      ctx: { tenant, actor: { kind: "anonymous" } },
      input: { data: Buffer.from(await file.arrayBuffer()), originalName: file.name || undefined, ownerKey },
    });
    return Response.json(stored, { status: 201 });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return fail(429, "rate_limited", { "retry-after": String(error.retryAfterSeconds) });
    }
    if (error instanceof SuspendedError) return fail(403, "suspended");
    if (error instanceof ValidationError) return fail(error.code === "file_too_large" ? 413 : 400, error.code);
    if (error instanceof DomainError) return fail(400, error.code);
    logger.error("upload failed", { error: String(error), tenant: tenant.slug });
    return fail(500, "generic");
  }
}

/** The body, or null once it passes `max` bytes: a lying or missing Content-Length cannot exhaust memory. */
async function readCapped(request: Request, max: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
