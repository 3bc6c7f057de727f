import sharp from "sharp";
import type { Ctx } from "@/lib/context";
import type { Tenant } from "../../support/factories";

export const anonymous = (tenant: Tenant): Ctx => ({ tenant, actor: { kind: "anonymous" } });

/** A real JPEG with EXIF, including a GPS position, like a phone camera writes. */
export async function jpegWithGps(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15", Copyright: "Mario Rossi" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "44/1 33/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "7/1 43/1 0/1" },
    })
    .toBuffer();
}

export const OWNER_KEY = "chiave-del-browser-0123456789abcdef";
