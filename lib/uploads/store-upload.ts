import { randomUUID } from "node:crypto";
import heicDecode from "heic-decode";
import sharp, { type Sharp } from "sharp";
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
/**
 * Major brands of the ISO-BMFF `ftyp` box that heic-decode (libheif compiled to wasm) reads: HEIC/HEIF
 * photos from iPhones, HEVC inside, which the prebuilt sharp cannot decode.
 */
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "mif1", "msf1"]);

/**
 * Takes a file a citizen attached to a report that does not exist yet. Decides by content, never by name
 * or declared type: a real JPEG/PNG/WebP/HEIF (HEIC included) image (re-encoded, so EXIF and GPS are gone — sharp keeps
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

/**
 * HEVC-coded HEIF (what an iPhone camera saves) → raw RGBA pixels through heic-decode. The sizes in the
 * file's header are checked before any pixel is decoded; only the primary (first) image is kept.
 */
async function decodeHeic(data: Buffer): Promise<Sharp> {
  let images: Awaited<ReturnType<typeof heicDecode.all>>;
  try {
    images = await heicDecode.all({ buffer: data });
  } catch {
    throw new ValidationError("image_invalid");
  }
  try {
    const first = images[0];
    if (!first || first.width <= 0 || first.height <= 0) throw new ValidationError("image_invalid");
    if (first.width * first.height > MAX_INPUT_PIXELS) throw new ValidationError("image_invalid");
    const pixels = await first.decode().catch(() => {
      throw new ValidationError("image_invalid");
    });
    const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
    return sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
  } finally {
    images.dispose();
  }
}

/** True when the file is a HEIF whose pixels sharp cannot decode itself (HEVC), by content only. */
function needsHeicDecoder(data: Buffer, format: string | undefined, compression: string | undefined): boolean {
  const brand = isobmffBrand(data);
  if (format === "heif") return compression !== "av1";
  return Boolean(brand && HEIC_BRANDS.has(brand));
}

async function photoFile(tenantId: string, id: string, data: Buffer): Promise<Processed> {
  let format: string | undefined;
  let compression: string | undefined;
  let sharpFailed = false;
  try {
    const meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    format = meta.format;
    compression = meta.compression;
    if (meta.width && meta.height && meta.width * meta.height > MAX_INPUT_PIXELS) throw new ValidationError("image_invalid");
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    sharpFailed = true;
  }
  const heic = needsHeicDecoder(data, format, compression);
  if (!heic && (sharpFailed || !format || !DECODABLE.has(format))) throw new ValidationError("file_type_unsupported");

  try {
    // rotate() applies the EXIF orientation to the pixels, so dropping the metadata keeps photos upright.
    // Raw pixels decoded from HEIC are already upright (libheif applies the irot/imir transforms).
    const source = heic ? await decodeHeic(data) : sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    const { data: body, info } = await source
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
    // A truncated or corrupt image.
    if (error instanceof ValidationError) throw error;
    throw new ValidationError("image_invalid");
  }
}
