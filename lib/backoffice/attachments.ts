import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Tx } from "@/db/client";
import { attachments } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";

/** A file as it arrives from a form (FormData File → bytes); the name is only kept for display. */
export type IncomingFile = { name: string; data: Buffer };
export type StoredFile = {
  kind: "photo" | "document";
  storageKey: string;
  thumbKey: string | null;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  originalName: string;
};

export const MAX_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_FILES = 6;
const PHOTO_FORMATS = new Set(["jpeg", "png", "webp", "heif", "gif", "tiff"]);

/**
 * Checks files by their content, never by name or declared type: images are decoded with sharp, re-encoded
 * as JPEG without metadata (EXIF, GPS) and resized, with a thumbnail; PDFs are accepted by their magic
 * bytes; anything else is refused. Stored before the transaction (no I/O inside it); keys are generated.
 */
export async function storeFiles(tenantId: string, files: IncomingFile[]): Promise<StoredFile[]> {
  const real = files.filter((f) => f.data.length > 0);
  if (real.length > MAX_FILES) throw new ValidationError("validation", { files: ["too_many_files"] });
  const stored: StoredFile[] = [];
  for (const file of real) {
    if (file.data.length > MAX_FILE_BYTES) throw new ValidationError("validation", { files: ["file_too_large"] });
    stored.push(await storeOne(tenantId, file));
  }
  return stored;
}

async function storeOne(tenantId: string, file: IncomingFile): Promise<StoredFile> {
  const id = randomUUID();
  const originalName = file.name.slice(0, 200) || "file";
  if (file.data.subarray(0, 5).toString("latin1") === "%PDF-") {
    const key = `${tenantId}/reports/${id}.pdf`;
    await getStorage().put(key, file.data);
    return { kind: "document", storageKey: key, thumbKey: null, mimeType: "application/pdf", sizeBytes: file.data.length, width: null, height: null, originalName };
  }
  let format: string | undefined;
  try {
    format = (await sharp(file.data).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !PHOTO_FORMATS.has(format)) throw new ValidationError("validation", { files: ["file_type_invalid"] });
  // rotate() applies the EXIF orientation before the metadata is dropped (sharp keeps none by default).
  const { data, info } = await sharp(file.data).rotate().resize(2000, 2000, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
  const thumb = await sharp(data).resize(400, 400, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
  const key = `${tenantId}/reports/${id}.jpg`;
  const thumbKey = `${tenantId}/reports/${id}-thumb.jpg`;
  await getStorage().put(key, data);
  await getStorage().put(thumbKey, thumb);
  return { kind: "photo", storageKey: key, thumbKey, mimeType: "image/jpeg", sizeBytes: data.length, width: info.width, height: info.height, originalName };
}

/** Links stored files to a report and one of its timeline events, in the verb's transaction. */
export async function linkFiles(
  tx: Tx,
  tenantId: string,
  reportId: string,
  eventId: string,
  files: StoredFile[],
  isPublic: boolean,
): Promise<void> {
  if (files.length === 0) return;
  await tx.insert(attachments).values(files.map((f) => ({ tenantId, reportId, eventId, ...f, isPublic })));
}

/** Removes files stored for a write that then failed (best effort: an orphan file is harmless). */
export async function discardFiles(files: StoredFile[]): Promise<void> {
  for (const f of files) {
    await getStorage().delete(f.storageKey).catch(() => undefined);
    if (f.thumbKey) await getStorage().delete(f.thumbKey).catch(() => undefined);
  }
}
