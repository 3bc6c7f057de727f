/** Longest side of a photo sent from the back office; the server stores photos at this size anyway. */
const MAX_SIDE = 2000;
/** Photos already this small and not larger than MAX_SIDE are sent as they are. */
const SMALL_BYTES = 1024 * 1024;

/**
 * Shrinks one photo in the browser (canvas → JPEG, longest side 2000 px) so a phone's 5–12 MB picture
 * travels as ~1 MB over a field connection. The server still checks the content, re-encodes it and drops
 * its metadata: this only saves bandwidth. Anything the browser cannot decode (a PDF, HEIC outside
 * Safari) is sent untouched and the server decides.
 */
async function downscale(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || file.type === "image/gif") return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_BYTES) return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (!blob || blob.size >= file.size) return file;
    const name = `${file.name.replace(/\.[^.]*$/, "") || "foto"}.jpg`;
    return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}

/** Replaces the files chosen in a file input with their downscaled versions (same order). */
export async function downscaleInputPhotos(input: HTMLInputElement): Promise<void> {
  const chosen = Array.from(input.files ?? []);
  if (chosen.length === 0) return;
  const ready = await Promise.all(chosen.map(downscale));
  if (ready.every((f, i) => f === chosen[i])) return;
  const transfer = new DataTransfer();
  for (const f of ready) transfer.items.add(f);
  input.files = transfer.files;
}
