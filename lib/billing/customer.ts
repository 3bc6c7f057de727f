import type Stripe from "stripe";
import type { StaffActor } from "@/lib/context";

type InvoicingData = {
  enteName: string | null;
  codiceFiscale: string | null;
  partitaIva: string | null;
  codiceUnivoco: string | null;
  pec: string | null;
  billingAddress: string | null;
};

/**
 * The Stripe customer's details from the ente's invoicing data: receipts and invoices go to the email of the
 * comune's admin managing billing (a support session keeps the current one: vendor staff are not the
 * customer); the PEC and the Italian tax data (FatturaPA) travel in metadata for the e-invoicing flow.
 */
export function customerDetails(tenantId: string, data: InvoicingData, actor: StaffActor): Stripe.CustomerUpdateParams & Stripe.CustomerCreateParams {
  return {
    name: data.enteName ?? undefined,
    ...(actor.supportGrantId ? {} : { email: actor.email }),
    address: { line1: data.billingAddress ?? "", country: "IT" },
    preferred_locales: ["it"],
    metadata: {
      tenant_id: tenantId,
      codice_fiscale: data.codiceFiscale ?? "",
      partita_iva: data.partitaIva ?? "",
      codice_univoco: data.codiceUnivoco ?? "",
      pec: data.pec ?? "",
    },
  };
}
