import { asc, eq, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { offices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { asStaff } from "./staff-write";

export type OfficeWorkload = {
  officeId: string | null;
  officeName: string | null;
  received: number;
  open: number;
  overdue: number;
  /** Median hours from arrival to "presa in carico" / to resolution, over the reports of the period. */
  medianHoursToAcknowledge: number | null;
  medianHoursToResolve: number | null;
};

type Row = {
  office_id: string | null;
  office_name: string | null;
  received: number;
  open: number;
  overdue: number;
  median_ack: number | null;
  median_resolve: number | null;
};

/**
 * Supervisor's workload view: per office, reports received in the last `days` days, still open, overdue,
 * and the median time to take in charge and to resolve. One aggregate over the (tenant_id, created_at)
 * range; open/overdue count every open report of the office, whatever its age. Every office of the comune
 * is listed, also one that received nothing (an idle office is information too); reports without an
 * office come first.
 */
export async function officeWorkload({ ctx, days }: { ctx: Ctx; days: 30 | 90 }): Promise<OfficeWorkload[]> {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.triage");
  const tenantId = staff.tenant.id;
  // As ISO text with an explicit cast: postgres.js does not serialise Date parameters in raw sql templates.
  const since = sql`${new Date(Date.now() - days * 24 * 3600 * 1000).toISOString()}::timestamptz`;
  const { result, officeRows } = await withTenant(tenantId, async (tx) => ({
    officeRows: await tx.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.tenantId, tenantId)).orderBy(asc(offices.name)),
    result: await tx.execute(sql`
      select o.id as office_id, o.name as office_name,
             count(*) filter (where r.created_at >= ${since})::int as received,
             count(*) filter (where r.status in ('new', 'acknowledged', 'in_progress'))::int as open,
             count(*) filter (where r.status in ('new', 'acknowledged', 'in_progress') and r.due_at < now())::int as overdue,
             (percentile_cont(0.5) within group (order by extract(epoch from r.acknowledged_at - r.created_at) / 3600)
                filter (where r.created_at >= ${since} and r.acknowledged_at is not null))::float8 as median_ack,
             (percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - r.created_at) / 3600)
                filter (where r.created_at >= ${since} and r.resolved_at is not null))::float8 as median_resolve
        from reports r
        left join offices o on o.tenant_id = r.tenant_id and o.id = r.office_id
       where r.tenant_id = ${tenantId}::uuid
         and (r.created_at >= ${since} or r.status in ('new', 'acknowledged', 'in_progress'))
       group by o.id, o.name
       order by o.name nulls first`),
  }));
  const rows = (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
  const byOffice = new Map(rows.map((r) => [r.office_id, r]));
  const list = [...(byOffice.has(null) ? [{ id: null, name: null }] : []), ...officeRows];
  return list.map(({ id, name }) => {
    const r = byOffice.get(id);
    return {
      officeId: id,
      officeName: name,
      received: Number(r?.received ?? 0),
      open: Number(r?.open ?? 0),
      overdue: Number(r?.overdue ?? 0),
      medianHoursToAcknowledge: r?.median_ack == null ? null : Number(r.median_ack),
      medianHoursToResolve: r?.median_resolve == null ? null : Number(r.median_resolve),
    };
  });
}
