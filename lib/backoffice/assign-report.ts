import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { membershipOffices, memberships, offices, organisations, reports, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

export const assignReportInput = z.discriminatedUnion("target", [
  z.object({ reportId: z.string().uuid("not_found"), target: z.literal("office"), officeId: z.string().uuid("office_invalid") }),
  z.object({ reportId: z.string().uuid("not_found"), target: z.literal("user"), userId: z.string().min(1, "user_invalid").max(100) }),
  z.object({
    reportId: z.string().uuid("not_found"),
    target: z.literal("organisation"),
    organisationId: z.string().uuid("organisation_invalid"),
    message: z.string().trim().max(2000, "too_long").optional().transform((v) => v || undefined),
  }),
  /** Takes the report back from the person or the organisation it was given to (it stays in its office). */
  z.object({ reportId: z.string().uuid("not_found"), target: z.literal("none"), remove: z.enum(["user", "organisation"], "remove_invalid") }),
]);
export type AssignReportInput = z.input<typeof assignReportInput>;

/**
 * Assigns a report to an office (moving it to another office's queue: supervisors only), to a person
 * (staff of the report's office; any handling staff for supervisors) or to an external organisation.
 * Whoever gets it is emailed a link to the report in the back office: the new office (its address and
 * staff), the person (unless they took it themselves), the organisation's users. Target "none" removes the
 * person or the organisation again (nobody is emailed). Internal step: citizens are never told.
 */
export async function assignReport({ ctx, input }: { ctx: Ctx; input: AssignReportInput }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(assignReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    const tenantId = staff.tenant.id;
    const triage = can(staff.actor.role, "reports.triage");
    let set: Partial<typeof reports.$inferInsert>;
    let label: string;
    if (data.target === "office") {
      if (!triage) throw new ForbiddenError("reports.triage");
      const [office] = await tx.select().from(offices).where(and(eq(offices.tenantId, tenantId), eq(offices.id, data.officeId)));
      if (!office) throw new ValidationError("validation", { officeId: ["office_invalid"] });
      set = { officeId: office.id, assigneeUserId: office.id === report.officeId ? report.assigneeUserId : null };
      label = office.name;
    } else if (data.target === "user") {
      const [member] = await tx
        .select({ role: memberships.role, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, data.userId), inArray(memberships.role, ["admin", "supervisor", "operator"])));
      if (!member) throw new ValidationError("validation", { userId: ["user_invalid"] });
      if (!triage) {
        const [inOffice] = report.officeId
          ? await tx
              .select({ officeId: membershipOffices.officeId })
              .from(membershipOffices)
              .where(and(eq(membershipOffices.tenantId, tenantId), eq(membershipOffices.userId, data.userId), eq(membershipOffices.officeId, report.officeId)))
          : [];
        if (!inOffice) throw new ValidationError("validation", { userId: ["user_not_in_office"] });
      }
      set = { assigneeUserId: data.userId };
      label = member.name ?? data.userId;
    } else if (data.target === "none") {
      const current = data.remove === "user" ? report.assigneeUserId : report.organisationId;
      if (!current) throw new ValidationError("validation", { remove: ["nothing_assigned"] });
      const [named] =
        data.remove === "user"
          ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current))
          : await tx.select({ name: organisations.name }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, current)));
      set = data.remove === "user" ? { assigneeUserId: null } : { organisationId: null };
      label = named?.name ?? current;
    } else {
      const [org] = await tx.select().from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, data.organisationId)));
      if (!org) throw new ValidationError("validation", { organisationId: ["organisation_invalid"] });
      set = { organisationId: org.id };
      label = org.name;
    }
    await tx
      .update(reports)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(reports.tenantId, tenantId), eq(reports.id, report.id)));
    const message = data.target === "organisation" ? data.message : undefined;
    const step = await recordStep(tx, staff, report, {
      event: { type: "assigned", visibility: "internal", body: message ?? null, data: { target: data.target, label, ...set } },
      audit: {
        action: data.target === "none" ? `report.unassign_${data.remove}` : `report.assign_${data.target}`,
        data: { label, ...set, ...(data.target === "none" ? { removed: data.remove === "user" ? report.assigneeUserId : report.organisationId } : {}) },
      },
    });
    const brand = { tenantName: `Comune di ${staff.tenant.name}`, primaryColor: staff.tenant.primaryColor };
    const address = report.address ?? `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}`;
    const url = `${tenantBaseUrl(staff.tenant.slug)}/ufficio/segnalazioni/${report.code}`;
    const by = staff.actor.name;
    if (data.target === "office" && set.officeId !== report.officeId) {
      // The new office's address and its staff; resolved at delivery like a new report's office notice.
      await enqueue(
        tx,
        tenantId,
        {
          kind: "office_new_report",
          tenantSlug: staff.tenant.slug,
          officeId: data.officeId,
          message: { template: "backoffice.officeAssigned", brand, values: { code: report.code, office: label, address, by }, action: { url } },
        },
        `office-assigned:${step.eventId}`,
      );
    } else if (data.target === "user" && data.userId !== staff.actor.userId && data.userId !== report.assigneeUserId) {
      // The person (not whoever assigned it to themselves); their address is resolved at delivery.
      await enqueue(
        tx,
        tenantId,
        {
          kind: "staff_assigned",
          tenantSlug: staff.tenant.slug,
          tenantId,
          userId: data.userId,
          message: { template: "backoffice.staffAssigned", brand, values: { code: report.code, person: label, address, by }, action: { url } },
        },
        `staff-assigned:${step.eventId}`,
      );
    } else if (data.target === "organisation") {
      await enqueue(
        tx,
        tenantId,
        {
          kind: "organisation_assigned",
          tenantSlug: staff.tenant.slug,
          tenantId,
          organisationId: data.organisationId,
          message: {
            template: "backoffice.organisationAssigned",
            brand,
            values: { code: report.code, organisation: label, address },
            quote: message,
            action: { url },
          },
        },
        `org-assigned:${step.eventId}`,
      );
    }
    return { eventId: step.eventId };
  });
}
