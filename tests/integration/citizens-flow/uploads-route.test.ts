import { readFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/uploads/route";
import { uploads } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/security/tokens";
import { getStorage } from "@/lib/storage";
import { UPLOAD_MAX_BYTES } from "@/lib/uploads/limits";
import { createTenant, type Tenant } from "../../support/factories";
import { jpegWithGps, OWNER_KEY } from "./helpers";

function post(tenant: Pick<Tenant, "slug"> | null, file: Blob | null, name = "foto.jpg", extraHeaders: Record<string, string> = {}) {
  const body = new FormData();
  if (file) body.append("file", file, name);
  body.append("ownerKey", OWNER_KEY);
  return POST(
    new Request("http://127.0.0.1/api/uploads", {
      method: "POST",
      headers: { host: tenant ? `${tenant.slug}.${env.ROOT_DOMAIN}` : env.ROOT_DOMAIN, "x-forwarded-for": "203.0.113.7", ...extraHeaders },
      body,
    }),
  );
}

async function storedRow(tenantId: string, id: string) {
  const db = await getSystemDb();
  const [row] = await db.select().from(uploads).where(and(eq(uploads.tenantId, tenantId), eq(uploads.id, id)));
  return row;
}

describe("POST /api/uploads", () => {
  it("stores a real photo resized and without EXIF or GPS, owned by the browser's key", async () => {
    const tenant = await createTenant();
    const original = await jpegWithGps(3000, 2000);
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await post(tenant, new Blob([new Uint8Array(original)], { type: "image/jpeg" }), "IMG_0001.jpg");
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; kind: string; thumbUrl: string };
    expect(body.kind).toBe("photo");
    expect(body.thumbUrl).toMatch(/^data:image\/jpeg;base64,/);

    const row = await storedRow(tenant.id, body.id);
    expect(row).toMatchObject({ kind: "photo", mimeType: "image/jpeg", width: 2048, height: 1365, originalName: "IMG_0001.jpg", ownerKeyHash: hashToken(OWNER_KEY), claimedAt: null });
    expect(row!.storageKey).toBe(`${tenant.id}/${body.id}.jpg`);
    const stored = await getStorage().get(row!.storageKey);
    const meta = await sharp(stored!).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 2048, height: 1365 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored!.includes(Buffer.from("iPhone"))).toBe(false);
    const thumb = await sharp((await getStorage().get(row!.thumbKey!))!).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(400);
    expect(thumb.exif).toBeUndefined();
  });

  it("turns a PNG into a JPEG and accepts a PDF by its content", async () => {
    const tenant = await createTenant();
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const resPng = await post(tenant, new Blob([new Uint8Array(png)]), "schermata.png");
    expect(resPng.status).toBe(201);
    expect(await storedRow(tenant.id, ((await resPng.json()) as { id: string }).id)).toMatchObject({ mimeType: "image/jpeg" });

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    const resPdf = await post(tenant, new Blob([new Uint8Array(pdf)]), "verbale.pdf");
    expect(resPdf.status).toBe(201);
    const doc = (await resPdf.json()) as { id: string; kind: string; thumbUrl: string | null };
    expect(doc).toMatchObject({ kind: "document", thumbUrl: null });
    expect(await storedRow(tenant.id, doc.id)).toMatchObject({ mimeType: "application/pdf", thumbKey: null });
  });

  it("refuses a fake image (text renamed .jpg) with a 400 and an Italian message, storing nothing", async () => {
    const tenant = await createTenant();
    const res = await post(tenant, new Blob(["<script>alert(1)</script> non sono una foto"], { type: "image/jpeg" }), "foto.jpg");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("file_type_unsupported");
    expect(body.message).toContain("non è una foto");
    const db = await getSystemDb();
    expect(await db.select().from(uploads).where(eq(uploads.tenantId, tenant.id))).toHaveLength(0);
  });

  it("answers in English to an English browser", async () => {
    const tenant = await createTenant();
    const res = await post(tenant, new Blob(["nope"]), "x.jpg", { "accept-language": "en-GB,en;q=0.9" });
    expect(((await res.json()) as { message: string }).message).toContain("is not a JPEG");
  });

  it("refuses a truncated JPEG as damaged", async () => {
    const tenant = await createTenant();
    const jpeg = await jpegWithGps(400, 300);
    const res = await post(tenant, new Blob([new Uint8Array(jpeg.subarray(0, Math.floor(jpeg.length / 2)))]), "rotta.jpg");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("image_invalid");
  });

  it("accepts a real iPhone HEIC (HEVC) and stores it as a JPEG without EXIF", async () => {
    const tenant = await createTenant();
    // Made with libheif's heif-enc (x265) from a 320×240 JPEG whose EXIF says "Apple iPhone 15".
    const heic = await readFile(new URL("../../fixtures/iphone-photo.heic", import.meta.url));
    expect(heic.subarray(4, 12).toString("latin1")).toBe("ftypheic");
    expect(heic.includes(Buffer.from("iPhone"))).toBe(true);

    const res = await post(tenant, new Blob([new Uint8Array(heic)], { type: "image/heic" }), "IMG_0002.HEIC");
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; kind: string; thumbUrl: string };
    expect(body).toMatchObject({ kind: "photo" });
    expect(body.thumbUrl).toMatch(/^data:image\/jpeg;base64,/);
    const row = await storedRow(tenant.id, body.id);
    expect(row).toMatchObject({ kind: "photo", mimeType: "image/jpeg", width: 320, height: 240, originalName: "IMG_0002.HEIC" });
    const stored = (await getStorage().get(row!.storageKey))!;
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 320, height: 240 });
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("iPhone"))).toBe(false);
    // The pixels survived decoding: the fixture's top-left quadrant is red-ish (200, 60, 120).
    const { data } = await sharp(stored).extract({ left: 40, top: 40, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(170);
    expect(data[1]).toBeLessThan(100);
  });

  it("refuses a damaged HEIC (valid header, truncated body) as damaged", async () => {
    const tenant = await createTenant();
    const heic = await readFile(new URL("../../fixtures/iphone-photo.heic", import.meta.url));
    const res = await post(tenant, new Blob([new Uint8Array(heic.subarray(0, 200))]), "IMG_0003.HEIC");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("image_invalid");
  });

  it("refuses a file over 10 MB with 413", async () => {
    const tenant = await createTenant();
    const res = await post(tenant, new Blob([new Uint8Array(UPLOAD_MAX_BYTES + 1)]), "enorme.jpg");
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe("file_too_large");
  });

  it("is not found on a host that is not a comune, and a missing file is a 400", async () => {
    const tenant = await createTenant();
    expect((await post(null, new Blob(["x"]))).status).toBe(404);
    expect((await post({ slug: "comune-che-non-esiste" }, new Blob(["x"]))).status).toBe(404);
    const res = await post(tenant, null);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("file_missing");
  });

  it("a suspended comune accepts no uploads", async () => {
    const tenant = await createTenant({ status: "suspended" });
    const res = await post(tenant, new Blob([new Uint8Array(await jpegWithGps(40, 30))]));
    expect(res.status).toBe(403);
  });
});
