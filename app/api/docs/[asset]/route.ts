import { readDocsAsset } from "@/lib/api/docs-assets";

/** Static files of the docs UI (a fixed allow-list, same on every host). */
export async function GET(_request: Request, { params }: { params: Promise<{ asset: string }> }) {
  const asset = await readDocsAsset((await params).asset);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(typeof asset.body === "string" ? asset.body : new Uint8Array(asset.body), {
    headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" },
  });
}
