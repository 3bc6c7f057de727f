import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { uploads } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { SuspendedError, ValidationError } from "@/lib/errors";
import { hashToken } from "@/lib/security/tokens";
import { getStorage } from "@/lib/storage";
import { PHOTO_MAX_SIDE, THUMB_MAX_SIDE, UPLOAD_MAX_BYTES } from "./limits";

export const storeUploadInput = z.object({
  data: z.instanceof(Buffer),
  originalName: z.string().trim().max(200).optional(),
  /** Secret the uploading browser generated for this form; only its hash is stored. */
  ownerKey: z.string().min(16, "owner_key_invalid").max(200, "owner_key_invalid"),
});
export type StoreUploadInput = z.input<typeof storeUploadInput>;

export type StoredUpload = {
  id: string;
  kind: "photo" | "document";
  /** A data: URL of the 400 px thumbnail (photos only), so the form can preview without another request. */
  thumbUrl: string | null;
  sizeBytes: number;
  originalName: string | null;
};

/** A decompression bomb (a tiny file declaring a huge canvas) is refused before any pixel is decoded. */
const MAX_INPUT_PIXELS = 60_000_000;
const DECODABLE = new Set(["jpeg", "png", "webp", "heif"]);
/** ISO-BMFF brands of HEIC/HEIF files (iPhone photos): HEVC inside, which prebuilt sharp cannot decode. */
const HEVC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"]);
const HEVC_DECODABLE = (sharp.format.heif?.input.fileSuffix ?? []).includes(".heic");

/**
 * Takes a file a citizen attached to a report that does not exist yet. Decides by content, never by name
 * or declared type: a real JPEG/PNG/WebP/HEIF image (re-encoded, so EXIF and GPS are gone — sharp keeps
 * no metadata unless asked) or a PDF (by its magic bytes, stored as sent). The row is unclaimed until
 * createReport claims it with the same owner key, in the same comune.
 */
export async function storeUpload({ ctx, input }: { ctx: Ctx; input: StoreUploadInput }): Promise<StoredUpload> {
  if (ctx.tenant.status === "suspended" || ctx.tenant.status === "cancelled") throw new SuspendedError();
  const parsed = storeUploadInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("owner_key_invalid");
  const { data, ownerKey } = parsed.data;
  if (data.length === 0) throw new ValidationError("file_empty");
  if (data.length > UPLOAD_MAX_BYTES) throw new ValidationError("file_too_large");

  const originalName = parsed.data.originalName ? parsed.data.originalName.replace(/[\u0000-\u001f]/g, "") : null;
  const id = randomUUID();
  const tenantId = ctx.tenant.id;
  const processed = isPdf(data) ? documentFile(tenantId, id, data) : await photoFile(tenantId, id, data);

  const storage = getStorage();
  await storage.put(processed.storageKey, processed.body);
  if (processed.thumb) await storage.put(processed.thumb.key, processed.thumb.body);

  await withTenant(tenantId, (tx) =>
    tx.insert(uploads).values({
      tenantId,
      id,
      kind: processed.kind,
      storageKey: processed.storageKey,
      thumbKey: processed.thumb?.key ?? null,
      mimeType: processed.mimeType,
      sizeBytes: processed.body.length,
      width: processed.width,
      height: processed.height,
      originalName,
      ownerKeyHash: hashToken(ownerKey),
    }),
  );

  return {
    id,
    kind: processed.kind,
    thumbUrl: processed.thumb ? `data:image/jpeg;base64,${processed.thumb.body.toString("base64")}` : null,
    sizeBytes: processed.body.length,
    originalName,
  };
}

type Processed = {
  kind: "photo" | "document";
  storageKey: string;
  body: Buffer;
  mimeType: string;
  width: number | null;
  height: number | null;
  thumb: { key: string; body: Buffer } | null;
};

function isPdf(data: Buffer): boolean {
  return data.subarray(0, 5).toString("latin1") === "%PDF-";
}

function documentFile(tenantId: string, id: string, data: Buffer): Processed {
  return {
    kind: "document",
    storageKey: `${tenantId}/${id}.pdf`,
    body: data,
    mimeType: "application/pdf",
    width: null,
    height: null,
    thumb: null,
  };
}

function isobmffBrand(data: Buffer): string | null {
  return data.subarray(4, 8).toString("latin1") === "ftyp" ? data.subarray(8, 12).toString("latin1") : null;
}

async function photoFile(tenantId: string, id: string, data: Buffer): Promise<Processed> {
  const brand = isobmffBrand(data);
  if (brand && HEVC_BRANDS.has(brand) && !HEVC_DECODABLE) throw new ValidationError("heic_unsupported");

  let format: string | undefined;
  try {
    format = (await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw new ValidationError("file_type_unsupported");
  }
  if (!format || !DECODABLE.has(format)) throw new ValidationError("file_type_unsupported");

  try {
    // rotate() applies the EXIF orientation to the pixels, so dropping the metadata keeps photos upright.
    const { data: body, info } = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(body)
      .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer();
    return {
      kind: "photo",
      storageKey: `${tenantId}/${id}.jpg`,
      body,
      mimeType: "image/jpeg",
      width: info.width,
      height: info.height,
      thumb: { key: `${tenantId}/${id}-thumb.jpg`, body: thumb },
    };
  } catch (error) {
    // A HEIF container whose codec this build cannot decode, or a truncated/corrupt image.
    if (format === "heif" && !HEVC_DECODABLE) throw new ValidationError("heic_unsupported");
    if (error instanceof ValidationError) throw error;
    throw new ValidationError("image_invalid");
  }
}
