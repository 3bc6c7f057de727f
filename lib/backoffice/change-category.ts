import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { categories, offices, organisations, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { enqueueOrganisationAssigned } from "@/lib/outbox/organisation-notice";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { addWorkingDays } from "@/lib/time/working-days";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

export const changeCategoryInput = z.object({
  reportId: z.string().uuid("not_found"),
  categoryId: z.string().uuid("category_invalid"),
});

/**
 * Recategorisation (supervisor): the report moves to the new category's office and organisation, its due
 * date is recomputed from the day it arrived with the new SLA, the personal assignee is cleared (they may
 * not work in the new office), the new office is emailed as for a new report and a new organisation as
 * for a manual assignment.
 * The event is PUBLIC: the category is shown on the citizen's page, so its change must be explained there
 * too; it carries only the two category names (no staff text) and emails no follower — nothing changed
 * for the citizen but the label.
 */
export async function changeCategory({ ctx, input }: { ctx: Ctx; input: z.input<typeof changeCategoryInput> }) {
  return staffWrite(ctx, "reports.triage", async (tx, staff) => {
    const data = parseInput(changeCategoryInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    const tenantId = staff.tenant.id;
    const [category] = await tx
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, data.categoryId), eq(categories.active, true)));
    if (!category) throw new ValidationError("validation", { categoryId: ["category_invalid"] });
    const [child] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.parentId, category.id)))
      .limit(1);
    if (child) throw new ValidationError("validation", { categoryId: ["category_not_leaf"] });
    if (category.id === report.categoryId) throw new ValidationError("validation", { categoryId: ["category_unchanged"] });
    const [previous] = await tx
      .select({ name: categories.name })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, report.categoryId)));

    const dueAt = category.slaDays != null ? addWorkingDays(report.createdAt, category.slaDays) : null;
    await tx
      .update(reports)
      .set({
        categoryId: category.id,
        officeId: category.defaultOfficeId,
        organisationId: category.defaultOrganisationId,
        assigneeUserId: null,
        dueAt,
        updatedAt: new Date(),
      })
      .where(and(eq(reports.tenantId, tenantId), eq(reports.id, report.id)));
    const step = await recordStep(tx, staff, report, {
      event: {
        type: "category_changed",
        visibility: "public",
        data: { from: previous?.name ?? null, to: category.name, officeId: category.defaultOfficeId },
      },
      audit: {
        action: "report.change_category",
        data: { fromCategoryId: report.categoryId, toCategoryId: category.id, fromOfficeId: report.officeId, toOfficeId: category.defaultOfficeId },
      },
    });
    if (category.defaultOfficeId && category.defaultOfficeId !== report.officeId) {
      const [office] = await tx
        .select({ id: offices.id, name: offices.name })
        .from(offices)
        .where(and(eq(offices.tenantId, tenantId), eq(offices.id, category.defaultOfficeId)));
      if (office) {
        await enqueue(
          tx,
          tenantId,
          {
            kind: "office_new_report",
            tenantSlug: staff.tenant.slug,
            officeId: office.id,
            message: {
              template: "officeNewReport",
              brand: { tenantName: `Comune di ${staff.tenant.name}`, primaryColor: staff.tenant.primaryColor },
              values: {
                code: report.code,
                office: office.name,
                category: category.name,
                address: report.address ?? `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}`,
                due: dueAt ? dueAt.toLocaleDateString("it-IT", { timeZone: "Europe/Rome" }) : "—",
              },
              action: { url: `${tenantBaseUrl(staff.tenant.slug)}/ufficio/segnalazioni/${report.code}` },
            },
          },
          `office-recat:${step.eventId}`,
        );
      }
    }
    if (category.defaultOrganisationId && category.defaultOrganisationId !== report.organisationId) {
      const [organisation] = await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, category.defaultOrganisationId)));
      if (organisation) await enqueueOrganisationAssigned(tx, staff.tenant, { organisation, report }, `org-recat:${step.eventId}`);
    }
    return { eventId: step.eventId, officeId: category.defaultOfficeId };
  });
}
