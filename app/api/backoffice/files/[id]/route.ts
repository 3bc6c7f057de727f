import { getStaffFile } from "@/lib/backoffice/get-staff-file";
import { staffRequestContext } from "@/lib/backoffice/request-context";
import { DomainError } from "@/lib/errors";

/**
 * Staff-only file download: the comune from the Host, the staff member from this comune's session, the
 * file only if its report is in their scope. Anything else is a plain 404 (existence never leaks).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await staffRequestContext();
    const thumb = new URL(request.url).searchParams.get("thumb") === "1";
    const file = await getStaffFile({ ctx, id: (await params).id, thumb });
    const inline = file.mimeType.startsWith("image/") || file.mimeType === "application/pdf";
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.mimeType,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${encodeURIComponent(file.name ?? "file")}"`,
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
