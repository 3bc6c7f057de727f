import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { reports } from "@/db/schema";
import type { StaffActor } from "@/lib/context";
import { can } from "@/lib/auth/permissions";

/**
 * Guards what a staff member may see: the one WHERE clause every back-office query and verb uses, always
 * together with the comune's tenant_id. admin, supervisor, politician → every report of the comune;
 * operator → reports of their offices plus those assigned to them personally; external → only reports
 * assigned to their organisation. A report outside the scope does not exist for that person (NotFound).
 */
export function reportScope(tenantId: string, actor: StaffActor): SQL {
  const tenant = eq(reports.tenantId, tenantId);
  if (can(actor.role, "reports.read_all")) return tenant;
  if (actor.role === "external") {
    if (!actor.organisationId) return and(tenant, sql`false`)!;
    return and(tenant, eq(reports.organisationId, actor.organisationId))!;
  }
  const mine = eq(reports.assigneeUserId, actor.userId);
  const offices = actor.officeIds.length > 0 ? inArray(reports.officeId, actor.officeIds) : null;
  return and(tenant, offices ? or(offices, mine) : mine)!;
}
