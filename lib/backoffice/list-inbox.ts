import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories, offices, organisations, OPEN_STATUSES, REPORT_CHANNELS, REPORT_STATUSES, reports, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { romeMidnight, romeNextMidnight } from "@/lib/time/rome-day";
import { reportScope } from "./report-scope";
import { asStaff, parseInput } from "./staff-write";

export const INBOX_TABS = ["mine", "unassigned", "overdue", "callback", "all"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export const INBOX_SORTS = ["newest", "oldest", "due", "priority"] as const;
export const PAGE_SIZE = 50;

const optionalId = z.string().uuid().optional().catch(undefined);
const optionalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

/** The inbox's GET parameters; anything malformed is ignored (a shared link never breaks the page). */
export const inboxFilters = z.object({
  tab: z.enum(INBOX_TABS).catch("mine"),
  status: z.enum(REPORT_STATUSES).optional().catch(undefined),
  category: optionalId,
  office: optionalId,
  assignee: z.string().max(100).optional().catch(undefined),
  channel: z.enum(REPORT_CHANNELS).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(INBOX_SORTS).catch("newest"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type InboxFilters = z.output<typeof inboxFilters>;

export type InboxRow = {
  id: string;
  code: string;
  title: string | null;
  description: string;
  address: string | null;
  status: (typeof REPORT_STATUSES)[number];
  priority: string;
  channel: string;
  createdAt: Date;
  dueAt: Date | null;
  officeName: string | null;
  organisationName: string | null;
  categoryName: string;
  assigneeName: string | null;
  callbackPendingSince: Date | null;
  lat: number;
  lng: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Conditions of a tab for this actor ("mine" = my offices' open queue, or my organisation's for externals). */
function tabCondition(tab: InboxTab, ctx: ReturnType<typeof asStaff>, now: Date): SQL | undefined {
  const open = inArray(reports.status, [...OPEN_STATUSES]);
  switch (tab) {
    case "mine": {
      const a = ctx.actor;
      const own = a.officeIds.length > 0 ? or(inArray(reports.officeId, a.officeIds), eq(reports.assigneeUserId, a.userId)) : eq(reports.assigneeUserId, a.userId);
      return and(open, a.role === "external" ? undefined : own);
    }
    case "unassigned":
      return and(open, isNull(reports.assigneeUserId), or(isNull(reports.officeId), eq(reports.status, "new")));
    case "overdue":
      return and(open, lt(reports.dueAt, now));
    case "callback":
      return sql`${reports.callbackPendingSince} is not null`;
    default:
      return undefined;
  }
}

/** Scope and filters (everything but the tab), shared by the list, the counts and the map. */
function filterCondition(staff: ReturnType<typeof asStaff>, f: InboxFilters): SQL {
  const filters: SQL[] = [reportScope(staff.tenant.id, staff.actor)];
  if (f.status) filters.push(eq(reports.status, f.status));
  if (f.category) filters.push(eq(reports.categoryId, f.category));
  if (f.office) filters.push(eq(reports.officeId, f.office));
  if (f.assignee === "none") filters.push(isNull(reports.assigneeUserId));
  else if (f.assignee) filters.push(eq(reports.assigneeUserId, f.assignee));
  if (f.channel) filters.push(eq(reports.channel, f.channel));
  // Days of the comune (Europe/Rome), not UTC: the 5th starts at 23:00 or 22:00 UTC on the 4th.
  if (f.from) filters.push(gte(reports.createdAt, romeMidnight(f.from)));
  if (f.to) filters.push(lt(reports.createdAt, romeNextMidnight(f.to)));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    filters.push(or(ilike(reports.code, like), ilike(reports.title, like), ilike(reports.description, like), ilike(reports.address, like))!);
  }
  return and(...filters)!;
}

/**
 * The inbox: one page of reports in the actor's scope for a tab and filters, plus the count of every tab
 * (one grouped query with FILTER). Office + status filters ride the (tenant_id, office_id, status,
 * created_at) index; the text search is an ILIKE over code/title/description/address within the comune.
 */
export async function listInbox({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  const f = parseInput(inboxFilters, input);
  const now = new Date();
  const tenantId = staff.tenant.id;
  const base = filterCondition(staff, f);
  const where = and(base, tabCondition(f.tab, staff, now));
  const order =
    f.sort === "oldest"
      ? [asc(reports.createdAt)]
      : f.sort === "due"
        ? [sql`${reports.dueAt} asc nulls last`, desc(reports.createdAt)]
        : f.sort === "priority"
          ? [sql`case ${reports.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`, desc(reports.createdAt)]
          : [desc(reports.createdAt)];

  return withTenant(tenantId, async (tx) => {
    const countExprs = Object.fromEntries(
      INBOX_TABS.map((tab) => {
        const cond = tabCondition(tab, staff, now);
        return [tab, cond ? sql<number>`count(*) filter (where ${cond})::int` : sql<number>`count(*)::int`];
      }),
    ) as Record<InboxTab, SQL<number>>;
    const [counts] = await tx.select(countExprs).from(reports).where(base);
    const rows: InboxRow[] = await tx
      .select({
        id: reports.id,
        code: reports.code,
        title: reports.title,
        description: reports.description,
        address: reports.address,
        status: reports.status,
        priority: reports.priority,
        channel: reports.channel,
        createdAt: reports.createdAt,
        dueAt: reports.dueAt,
        officeName: offices.name,
        organisationName: organisations.name,
        categoryName: categories.name,
        assigneeName: users.name,
        callbackPendingSince: reports.callbackPendingSince,
        lat: reports.lat,
        lng: reports.lng,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .leftJoin(offices, and(eq(offices.tenantId, reports.tenantId), eq(offices.id, reports.officeId)))
      .leftJoin(organisations, and(eq(organisations.tenantId, reports.tenantId), eq(organisations.id, reports.organisationId)))
      .leftJoin(users, eq(users.id, reports.assigneeUserId))
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE);
    const total = counts?.[f.tab] ?? 0;
    return { filters: f, rows, counts: counts ?? Object.fromEntries(INBOX_TABS.map((t) => [t, 0])), total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), now };
  });
}

/** The same filters as a GeoJSON FeatureCollection for the map view (newest first, at most 1000 points). */
export async function inboxGeoJson({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  const f = parseInput(inboxFilters, input);
  const where = and(filterCondition(staff, f), tabCondition(f.tab, staff, new Date()));
  const rows = await withTenant(staff.tenant.id, (tx) =>
    tx.select({ code: reports.code, status: reports.status, lat: reports.lat, lng: reports.lng }).from(reports).where(where).orderBy(desc(reports.createdAt)).limit(1000),
  );
  return {
    type: "FeatureCollection" as const,
    features: rows.map((r) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [r.lng, r.lat] }, properties: { code: r.code, status: r.status } })),
  };
}
