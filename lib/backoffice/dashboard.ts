import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { categories, offices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { asStaff } from "./staff-write";

export const DASHBOARD_PERIODS = [30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** Figures of the reports received in the period (a cohort): how many, how many closed or still open since. */
export type CohortFigures = {
  received: number;
  closed: number;
  resolved: number;
  open: number;
  overdue: number;
  /** Median hours from arrival to "presa in carico" / to "risolta", over the cohort's reports that got there. */
  medianHoursToAcknowledge: number | null;
  medianHoursToResolve: number | null;
};

export type Dashboard = {
  days: DashboardPeriod;
  since: Date;
  totals: CohortFigures;
  /** Every open report of the comune now, whatever its age. */
  backlog: { open: number; overdue: number };
  satisfaction: { average: number | null; ratings: number };
  byCategory: (CohortFigures & { id: string; name: string })[];
  byOffice: (CohortFigures & { id: string | null; name: string | null; backlogOpen: number; backlogOverdue: number })[];
  /** Monday (Europe/Rome) of each week of the period, oldest first, with what arrived that week. */
  weeks: { week: string; received: number; closed: number }[];
};

type CohortRow = {
  g_cat: number;
  g_off: number;
  category_id: string | null;
  office_id: string | null;
  received: number;
  closed: number;
  resolved: number;
  open: number;
  overdue: number;
  median_ack: number | null;
  median_resolve: number | null;
};

const OPEN = sql.raw(`('new', 'acknowledged', 'in_progress')`);
const CLOSED = sql.raw(`('resolved', 'not_competent', 'rejected', 'duplicate')`);

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const figures = (r: CohortRow | undefined): CohortFigures => ({
  received: Number(r?.received ?? 0),
  closed: Number(r?.closed ?? 0),
  resolved: Number(r?.resolved ?? 0),
  open: Number(r?.open ?? 0),
  overdue: Number(r?.overdue ?? 0),
  medianHoursToAcknowledge: r?.median_ack == null ? null : Number(r.median_ack),
  medianHoursToResolve: r?.median_resolve == null ? null : Number(r.median_resolve),
});

/**
 * The dashboard of the comune (politicians, supervisors, admins: dashboards.read) for the last 30 or 90
 * days. Every figure is read in the comune's transaction, filtered by tenant_id, with one index range scan
 * of (tenant_id, created_at) for the cohort — totals, per category and per office in one GROUPING SETS
 * pass — one pass over the open reports for the backlog, and the ratings of the period.
 */
export async function getDashboard({ ctx, days }: { ctx: Ctx; days: DashboardPeriod }): Promise<Dashboard> {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "dashboards.read");
  const tenantId = staff.tenant.id;
  const sinceDate = new Date(Date.now() - days * 24 * 3600 * 1000);
  // As ISO text with an explicit cast: postgres.js does not serialise Date parameters in raw sql templates.
  const since = sql`${sinceDate.toISOString()}::timestamptz`;
  const tenant = sql`${tenantId}::uuid`;
  return withTenant(tenantId, async (tx) => {
    const cohort = rowsOf<CohortRow>(
      await tx.execute(sql`
        select grouping(r.category_id)::int as g_cat, grouping(r.office_id)::int as g_off, r.category_id, r.office_id,
               count(*)::int as received,
               count(*) filter (where r.status in ${CLOSED})::int as closed,
               count(*) filter (where r.status = 'resolved')::int as resolved,
               count(*) filter (where r.status in ${OPEN})::int as open,
               count(*) filter (where r.status in ${OPEN} and r.due_at < now())::int as overdue,
               (percentile_cont(0.5) within group (order by extract(epoch from r.acknowledged_at - r.created_at) / 3600)
                  filter (where r.acknowledged_at is not null))::float8 as median_ack,
               (percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - r.created_at) / 3600)
                  filter (where r.status = 'resolved' and r.resolved_at is not null))::float8 as median_resolve
          from reports r
         where r.tenant_id = ${tenant} and r.created_at >= ${since}
         group by grouping sets ((), (r.category_id), (r.office_id))`),
    );
    const backlog = rowsOf<{ g_off: number; office_id: string | null; open: number; overdue: number }>(
      await tx.execute(sql`
        select grouping(office_id)::int as g_off, office_id, count(*)::int as open, count(*) filter (where due_at < now())::int as overdue
          from reports
         where tenant_id = ${tenant} and status in ${OPEN}
         group by grouping sets ((), (office_id))`),
    );
    const [rating] = rowsOf<{ average: number | null; ratings: number }>(
      await tx.execute(sql`
        select avg(score)::float8 as average, count(*)::int as ratings
          from report_ratings where tenant_id = ${tenant} and created_at >= ${since}`),
    );
    const weeks = await weeklyTrend(tx, tenant, since);
    const [categoryNames, officeRows] = await Promise.all([
      tx.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.tenantId, tenantId)),
      tx.select({ id: offices.id, name: offices.name }).from(offices).where(and(eq(offices.tenantId, tenantId))).orderBy(asc(offices.name)),
    ]);

    const total = cohort.find((r) => r.g_cat === 1 && r.g_off === 1);
    const perCategory = cohort.filter((r) => r.g_cat === 0);
    const perOffice = new Map(cohort.filter((r) => r.g_off === 0).map((r) => [r.office_id, r]));
    const backlogOf = new Map(backlog.filter((r) => r.g_off === 0).map((r) => [r.office_id, r]));
    const names = new Map(categoryNames.map((c) => [c.id, c.name]));
    const backlogTotal = backlog.find((r) => r.g_off === 1);
    // Every office of the comune, also those that received nothing; reports without an office last.
    const officeList: { id: string | null; name: string | null }[] = [...officeRows];
    if (perOffice.has(null) || backlogOf.has(null)) officeList.push({ id: null, name: null });

    return {
      days,
      since: sinceDate,
      totals: figures(total),
      backlog: { open: Number(backlogTotal?.open ?? 0), overdue: Number(backlogTotal?.overdue ?? 0) },
      satisfaction: { average: rating?.average == null ? null : Number(rating.average), ratings: Number(rating?.ratings ?? 0) },
      byCategory: perCategory
        .map((r) => ({ id: r.category_id!, name: names.get(r.category_id!) ?? "—", ...figures(r) }))
        .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, "it")),
      byOffice: officeList.map((o) => ({
        ...o,
        ...figures(perOffice.get(o.id)),
        backlogOpen: Number(backlogOf.get(o.id)?.open ?? 0),
        backlogOverdue: Number(backlogOf.get(o.id)?.overdue ?? 0),
      })),
      weeks,
    };
  });
}

/** Reports received per week (Monday to Sunday in Europe/Rome), and how many of them are closed now. */
async function weeklyTrend(tx: Tx, tenant: SQL, since: SQL) {
  const rows = rowsOf<{ week: string; received: number; closed: number }>(
    await tx.execute(sql`
      with weeks as (
        select generate_series(date_trunc('week', ${since} at time zone 'Europe/Rome'),
                               date_trunc('week', now() at time zone 'Europe/Rome'), interval '1 week')::date as week
      ), cohort as (
        select date_trunc('week', created_at at time zone 'Europe/Rome')::date as week, status
          from reports where tenant_id = ${tenant} and created_at >= ${since}
      )
      select w.week::text as week, count(c.week)::int as received, count(c.week) filter (where c.status in ${CLOSED})::int as closed
        from weeks w left join cohort c on c.week = w.week
       group by w.week order by w.week`),
  );
  return rows.map((r) => ({ week: String(r.week), received: Number(r.received), closed: Number(r.closed) }));
}
