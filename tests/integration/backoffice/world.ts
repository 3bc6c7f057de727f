import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, outbox, reportEvents, reports, responseTemplates } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { Ctx, StaffActor } from "@/lib/context";
import {
  createCategory,
  createOffice,
  createOrganisation,
  createReport,
  createStaff,
  createTenant,
  type Tenant,
} from "../../support/factories";

/** A staff context as the session would build it (role, offices, organisation from the membership). */
export function staffCtx(
  tenant: Tenant,
  staff: Awaited<ReturnType<typeof createStaff>>,
  officeIds: string[] = [],
): Ctx<StaffActor> {
  return {
    tenant,
    actor: {
      kind: "staff",
      userId: staff.user.id,
      name: staff.user.name ?? staff.user.email,
      email: staff.user.email,
      role: staff.membership.role,
      title: staff.membership.title,
      officeIds,
      organisationId: staff.membership.organisationId,
    },
  };
}

/**
 * A comune with two offices (Manutenzioni, Ambiente), a contractor, a category per office, one person per
 * role, a saved reply, and a second comune with its own report (for "another comune's report" cases).
 */
export async function createWorld() {
  const tenant = await createTenant();
  const roads = await createOffice(tenant, { name: "Manutenzioni" });
  const green = await createOffice(tenant, { name: "Ambiente" });
  const contractor = await createOrganisation(tenant, { name: "Strade Srl", email: "lavori@strade.example.it" });
  const otherOrg = await createOrganisation(tenant, { name: "Verde Spa" });
  const pothole = await createCategory(tenant, { officeId: roads.id, name: "Buca", slaDays: 5 });
  const waste = await createCategory(tenant, { officeId: green.id, name: "Rifiuti abbandonati", slaDays: 3 });
  const admin = await createStaff(tenant, "admin");
  const supervisor = await createStaff(tenant, "supervisor", { title: "Responsabile URP" });
  const operator = await createStaff(tenant, "operator", { officeIds: [roads.id], title: "Tecnico manutenzioni" });
  const greenOperator = await createStaff(tenant, "operator", { officeIds: [green.id] });
  const politician = await createStaff(tenant, "politician", { title: "Assessore ai lavori pubblici" });
  const external = await createStaff(tenant, "external", { organisationId: contractor.id });
  const otherExternal = await createStaff(tenant, "external", { organisationId: otherOrg.id });
  const db = await getSystemDb();
  const [template] = await db
    .insert(responseTemplates)
    .values({ tenantId: tenant.id, title: "Presa in carico", body: "Abbiamo preso in carico la segnalazione: interverremo entro la settimana." })
    .returning();

  const other = await createTenant();
  const otherOffice = await createOffice(other);
  const otherCategory = await createCategory(other, { officeId: otherOffice.id });
  const otherReport = (await createReport(other, { categoryId: otherCategory.id })).report;

  const ctx = {
    admin: staffCtx(tenant, admin),
    supervisor: staffCtx(tenant, supervisor),
    operator: staffCtx(tenant, operator, [roads.id]),
    greenOperator: staffCtx(tenant, greenOperator, [green.id]),
    politician: staffCtx(tenant, politician),
    external: staffCtx(tenant, external),
    otherExternal: staffCtx(tenant, otherExternal),
  } satisfies Record<string, Ctx<StaffActor>>;

  return {
    tenant, roads, green, contractor, otherOrg, pothole, waste, template: template!, other, otherReport,
    people: { admin, supervisor, operator, greenOperator, politician, external, otherExternal },
    ctx,
    /** A new road report (Manutenzioni) with the reporter following it. */
    async roadReport(overrides: Partial<typeof reports.$inferInsert> = {}) {
      const { report } = await createReport(tenant, { categoryId: pothole.id, ...overrides });
      await db.execute(
        // The reporter follows the report, as createReport (the verb) does.
        sql`insert into report_followers (tenant_id, report_id, email, is_reporter, confirmed_at)
          values (${tenant.id}, ${report.id}, ${report.reporterEmail ?? "mario.rossi@example.it"}, true, now())`,
      );
      return report;
    },
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

export async function eventsOf(tenantId: string, reportId: string) {
  const db = await getSystemDb();
  return db.select().from(reportEvents).where(and(eq(reportEvents.tenantId, tenantId), eq(reportEvents.reportId, reportId))).orderBy(asc(reportEvents.createdAt));
}

export async function auditOf(tenantId: string, reportId: string) {
  const db = await getSystemDb();
  return db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.targetId, reportId)));
}

/** Outbox rows whose dedupe key mentions the report's events (every email a step enqueued). */
export async function outboxOf(tenantId: string) {
  const db = await getSystemDb();
  return db.select().from(outbox).where(eq(outbox.tenantId, tenantId)).orderBy(asc(outbox.createdAt));
}

export async function reportRow(tenantId: string, reportId: string) {
  const db = await getSystemDb();
  const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, tenantId), eq(reports.id, reportId)));
  return row!;
}
