import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { romeMidnight, romeNextMidnight } from "@/lib/time/rome-day";

export const AUDIT_PAGE_SIZE = 50;

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date_invalid")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const auditFilterInput = z.object({
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, "invalid").optional(),
  actorUserId: z.string().trim().max(100).optional(),
  from: isoDay,
  to: isoDay,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type AuditFilter = z.input<typeof auditFilterInput>;

// The filter is in the comune's local days; re-exported for the vendor console's audit.
export { romeMidnight };

/**
 * The comune's audit trail, newest first, filtered by action prefix ("category" matches category.*),
 * actor and Rome-local date range, one page at a time (one extra row tells whether there is a next page).
 */
export async function listAuditEvents({ ctx, input }: { ctx: Ctx; input: AuditFilter }) {
  staffWith(ctx, "audit.read");
  const f = parseInput(auditFilterInput, input);
  const tenantId = ctx.tenant.id;
  const where: SQL[] = [eq(auditEvents.tenantId, tenantId)];
  if (f.action) where.push(f.action.includes(".") ? eq(auditEvents.action, f.action) : like(auditEvents.action, `${f.action}.%`));
  if (f.actorUserId) where.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.from) where.push(gte(auditEvents.createdAt, romeMidnight(f.from)));
  if (f.to) where.push(lt(auditEvents.createdAt, romeNextMidnight(f.to)));
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({ event: auditEvents, actorName: users.name })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(...where))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE + 1)
      .offset((f.page - 1) * AUDIT_PAGE_SIZE),
  );
  return {
    page: f.page,
    hasNext: rows.length > AUDIT_PAGE_SIZE,
    events: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r.event, actorName: r.actorName })),
  };
}

/** People who appear in the trail (for the actor filter), by name. */
export async function listAuditActors({ ctx }: { ctx: Ctx }) {
  staffWith(ctx, "audit.read");
  const tenantId = ctx.tenant.id;
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .selectDistinct({ id: auditEvents.actorUserId, name: users.name })
      .from(auditEvents)
      .innerJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(eq(auditEvents.tenantId, tenantId)),
  );
  return rows
    .filter((r): r is { id: string; name: string | null } => Boolean(r.id))
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "it"));
}
