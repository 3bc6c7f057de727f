import { eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { billingAccounts } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { toValidationError } from "@/lib/reports/create-report";
import { customerDetails } from "./customer";
import { isValidCodiceFiscale, isValidPartitaIva } from "./italian-tax-ids";
import { getStripe, isBillingConfigured } from "./stripe";
import { recordAudit } from "@/lib/audit/record-audit";

/**
 * Italian e-invoicing data of the ente (FatturaPA): codice fiscale (11 digits for an ente, 16 characters for a
 * person) and/or partita IVA, each with its check digit verified; the 6-character codice univoco ufficio
 * (IPA, for the public administration) and a PEC address. Editable while suspended: it is part
 * of billing, which a suspended comune must be able to fix.
 */
export const invoicingDataInput = z
  .object({
    enteName: z.string().trim().min(3, "required").max(200, "too_long"),
    codiceFiscale: z
      .string()
      .trim()
      .toUpperCase()
      .transform((v) => v.replace(/\s+/g, ""))
      .refine(isValidCodiceFiscale, "codice_fiscale_invalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    partitaIva: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s+/g, "").replace(/^IT/i, ""))
      .refine(isValidPartitaIva, "partita_iva_invalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    codiceUnivoco: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6}$/, "codice_univoco_invalid"),
    pec: z.string().trim().toLowerCase().email("pec_invalid").max(254),
    billingAddress: z.string().trim().min(5, "required").max(300, "too_long"),
  })
  .refine((v) => v.codiceFiscale || v.partitaIva, {
    message: "cf_or_piva_required",
    path: ["codiceFiscale"],
  });
export type InvoicingDataInput = z.input<typeof invoicingDataInput>;

/**
 * Saves the ente's invoicing data. Once the comune is a Stripe customer, the change is sent to Stripe first
 * (name, address, billing email; tax data and PEC in metadata), outside any transaction: if Stripe cannot be
 * reached nothing is saved and the admin is told to retry, so the two never disagree.
 */
export async function updateInvoicingData({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: InvoicingDataInput;
}): Promise<void> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const parsed = invoicingDataInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const data = parsed.data;
  const tenantId = ctx.tenant.id;
  const actor = ctx.actor;
  const current = await getBillingAccount(tenantId);
  let stripeSynced = false;
  if (current?.stripeCustomerId && isBillingConfigured()) {
    const details = customerDetails(
      tenantId,
      { ...data, codiceFiscale: data.codiceFiscale ?? null, partitaIva: data.partitaIva ?? null },
      actor,
    );
    try {
      await getStripe().customers.update(current.stripeCustomerId, details);
    } catch (error) {
      logger.error("stripe customer update failed", { tenantId, error: String(error) });
      throw new DomainError("stripe_unavailable", "Stripe customer update failed");
    }
    stripeSynced = true;
  }
  await withTenant(tenantId, async (tx) => {
    const values = {
      enteName: data.enteName,
      codiceFiscale: data.codiceFiscale ?? null,
      partitaIva: data.partitaIva ?? null,
      codiceUnivoco: data.codiceUnivoco,
      pec: data.pec,
      billingAddress: data.billingAddress,
      updatedAt: new Date(),
    };
    await tx
      .insert(billingAccounts)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: billingAccounts.tenantId, set: values });
    await recordAudit(tx, ctx, actor, {
      action: "billing.invoicing_data_updated",
      targetType: "billing_account",
      targetId: tenantId,
      data: { stripeSynced },
    });
  });
}

/** True when the ente's invoicing data is complete enough to issue an electronic invoice. */
export function hasInvoicingData(account: typeof billingAccounts.$inferSelect | null | undefined): boolean {
  return Boolean(
    account?.enteName &&
    account.codiceUnivoco &&
    account.pec &&
    (account.codiceFiscale || account.partitaIva),
  );
}

export async function getBillingAccount(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    const [row] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    return row ?? null;
  });
}
