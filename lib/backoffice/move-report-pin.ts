import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { pointInPolygon } from "@/lib/geo/polygon";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

export const moveReportPinInput = z.object({
  reportId: z.string().uuid("not_found"),
  lat: z.coerce.number().min(-90, "position_invalid").max(90, "position_invalid"),
  lng: z.coerce.number().min(-180, "position_invalid").max(180, "position_invalid"),
  address: z.string().trim().max(300, "too_long").optional().transform((v) => v || undefined),
});

/** Corrects the position of a report (inside the comune's boundary). Internal step. */
export async function moveReportPin({ ctx, input }: { ctx: Ctx; input: z.input<typeof moveReportPinInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(moveReportPinInput, input);
    if (staff.tenant.boundary && !pointInPolygon(data.lng, data.lat, staff.tenant.boundary)) {
      throw new ValidationError("validation", { position: ["outside_area"] });
    }
    const report = await lockReport(tx, staff, data.reportId);
    await tx
      .update(reports)
      .set({ lat: data.lat, lng: data.lng, address: data.address ?? report.address, updatedAt: new Date() })
      .where(and(eq(reports.tenantId, staff.tenant.id), eq(reports.id, report.id)));
    const moved = { from: { lat: report.lat, lng: report.lng, address: report.address }, to: { lat: data.lat, lng: data.lng, address: data.address ?? report.address } };
    return recordStep(tx, staff, report, {
      event: { type: "updated", visibility: "internal", data: { field: "position", ...moved } },
      audit: { action: "report.move_pin", data: moved },
    });
  });
}
