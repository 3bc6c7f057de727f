import { eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { auditEvents, billingAccounts } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";

/**
 * Italian e-invoicing data of the ente (FatturaPA): codice fiscale (11 digits for an ente) and/or partita
 * IVA, the 6-character codice univoco ufficio (IPA) and a PEC address. Editable while suspended: it is part
 * of billing, which a suspended comune must be able to fix.
 */
export const invoicingDataInput = z
  .object({
    enteName: z.string().trim().min(3, "required").max(200, "too_long"),
    codiceFiscale: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(\d{11}|[A-Z0-9]{16})$/, "codice_fiscale_invalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    partitaIva: z
      .string()
      .trim()
      .regex(/^\d{11}$/, "partita_iva_invalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    codiceUnivoco: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, "codice_univoco_invalid"),
    pec: z.string().trim().toLowerCase().email("pec_invalid").max(254),
    billingAddress: z.string().trim().min(5, "required").max(300, "too_long"),
  })
  .refine((v) => v.codiceFiscale || v.partitaIva, { message: "cf_or_piva_required", path: ["codiceFiscale"] });
export type InvoicingDataInput = z.input<typeof invoicingDataInput>;

export async function updateInvoicingData({ ctx, input }: { ctx: Ctx; input: InvoicingDataInput }): Promise<void> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const parsed = invoicingDataInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const data = parsed.data;
  const tenantId = ctx.tenant.id;
  const actor = ctx.actor;
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
    await tx.insert(auditEvents).values({
      tenantId,
      actorUserId: actor.userId,
      actorKind: "staff",
      action: "billing.invoicing_data_updated",
      targetType: "billing_account",
      targetId: tenantId,
      data: actor.supportGrantId ? { supportGrantId: actor.supportGrantId } : {},
      ip: ctx.ip ?? null,
    });
  });
}

/** True when the ente's invoicing data is complete enough to issue an electronic invoice. */
export function hasInvoicingData(account: typeof billingAccounts.$inferSelect | null | undefined): boolean {
  return Boolean(account?.enteName && account.codiceUnivoco && account.pec && (account.codiceFiscale || account.partitaIva));
}

export async function getBillingAccount(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    const [row] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    return row ?? null;
  });
}
