import type { Tx } from "@/db/client";
import type { TenantRef } from "@/lib/context";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { enqueue } from "./enqueue";
import type { SingleJob } from "./jobs";

/**
 * Tells an external organisation that a report is now theirs (the same email as a manual assignment:
 * a link to the report in the back office, where its users see only their organisation's reports).
 * Recipients — the organisation's address and its users — are resolved at delivery.
 */
export async function enqueueOrganisationAssigned(
  tx: Tx,
  tenant: Pick<TenantRef, "id" | "slug" | "name" | "primaryColor">,
  notice: OrganisationNotice,
  dedupeKey: string,
): Promise<void> {
  await enqueue(tx, tenant.id, organisationAssignedJob(tenant, notice), dedupeKey);
}

type OrganisationNotice = {
  organisation: { id: string; name: string };
  report: { code: string; address: string | null; lat: number; lng: number };
  quote?: string;
};

/** The outbox job of enqueueOrganisationAssigned (for callers that pipeline their writes). */
export function organisationAssignedJob(tenant: Pick<TenantRef, "id" | "slug" | "name" | "primaryColor">, notice: OrganisationNotice): SingleJob {
  const { report, organisation } = notice;
  return {
    kind: "organisation_assigned",
    tenantSlug: tenant.slug,
    tenantId: tenant.id,
    organisationId: organisation.id,
    message: {
      template: "backoffice.organisationAssigned",
      brand: { tenantName: `Comune di ${tenant.name}`, primaryColor: tenant.primaryColor },
      values: { code: report.code, organisation: organisation.name, address: report.address ?? `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}` },
      quote: notice.quote,
      action: { url: `${tenantBaseUrl(tenant.slug)}/ufficio/segnalazioni/${report.code}` },
    },
  };
}
