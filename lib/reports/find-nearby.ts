import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories, OPEN_STATUSES, reports, type ReportStatus } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { boxAround, distanceMetres } from "@/lib/geo/polygon";
import { toValidationError } from "./create-report";
import { inBoxPredicate } from "./geo-strips";

export const NEARBY_RADIUS_METRES = 250;
const LIMIT = 5;

export const findNearbyInput = z.object({
  categoryId: z.string().uuid("category_required"),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type FindNearbyInput = z.input<typeof findNearbyInput>;

export type NearbyReport = {
  code: string;
  title: string | null;
  description: string;
  address: string | null;
  status: ReportStatus;
  supportCount: number;
  createdAt: Date;
  distanceMetres: number;
};

/**
 * "È già stato segnalato?": open, public reports of the same category within 250 m, newest first. The
 * lat/lng box uses the strip index (lib/reports/geo-strips.ts, leakproof under RLS), then the exact distance filters
 * the corners out. Only public fields leave: moderated text when there is one, never reporter data.
 * Anyone may ask (it is what the public map shows), so there is no permission to check beyond the tenant.
 */
export async function findNearbyReports({ ctx, input }: { ctx: Ctx; input: FindNearbyInput }): Promise<NearbyReport[]> {
  const parsed = findNearbyInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { categoryId, lat, lng } = parsed.data;
  const tenantId = ctx.tenant.id;
  const box = boxAround(lat, lng, NEARBY_RADIUS_METRES);
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({
        code: reports.code,
        title: reports.title,
        publicTitle: reports.publicTitle,
        description: reports.description,
        publicDescription: reports.publicDescription,
        address: reports.address,
        status: reports.status,
        supportCount: reports.supportCount,
        createdAt: reports.createdAt,
        lat: reports.lat,
        lng: reports.lng,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .where(
        and(
          eq(reports.tenantId, tenantId),
          inBoxPredicate(box, { lat: reports.lat, lng: reports.lng, strip: reports.geoStrip }),
          eq(reports.categoryId, categoryId),
          eq(reports.isPublic, true),
          eq(categories.visibility, "public"),
          inArray(reports.status, [...OPEN_STATUSES]),
        ),
      )
      .orderBy(desc(reports.createdAt))
      // The box holds more than the circle: take a margin (open reports of one category in 500 m are few),
      // then cut to the radius and the limit.
      .limit(50),
  );
  return rows
    .map((r) => ({ ...r, distanceMetres: Math.round(distanceMetres({ lat, lng }, r)) }))
    .filter((r) => r.distanceMetres <= NEARBY_RADIUS_METRES)
    .slice(0, LIMIT)
    .map((r) => ({
      code: r.code,
      title: r.publicTitle ?? r.title,
      description: r.publicDescription ?? r.description,
      address: r.address,
      status: r.status,
      supportCount: r.supportCount,
      createdAt: r.createdAt,
      distanceMetres: r.distanceMetres,
    }));
}
