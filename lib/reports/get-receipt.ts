import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, offices, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { reportUrl } from "./links";
import { verifyReceiptToken } from "./receipt-token";

export type Receipt = {
  code: string;
  category: string;
  categoryEn: string | null;
  office: string | null;
  dueAt: Date | null;
  slaDays: number | null;
  createdAt: Date;
  isPublic: boolean;
  trackingUrl: string;
  reporterEmail: string | null;
  reporterPhone: string | null;
};

/**
 * What the citizen sees right after submitting. Only for the browser holding the receipt token of this
 * report in this comune (see receipt-token.ts): anyone else, and another comune's code, get NotFoundError.
 */
export async function getReceipt({ ctx, input }: { ctx: Ctx; input: { code: string; token: string | undefined } }): Promise<Receipt> {
  const { tenant } = ctx;
  if (!verifyReceiptToken(tenant.id, input.code, input.token)) throw new NotFoundError("report");
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select({
        id: reports.id,
        code: reports.code,
        category: categories.name,
        categoryEn: categories.nameEn,
        slaDays: categories.slaDays,
        office: offices.name,
        dueAt: reports.dueAt,
        createdAt: reports.createdAt,
        isPublic: reports.isPublic,
        reporterEmail: reports.reporterEmail,
        reporterPhone: reports.reporterPhone,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .leftJoin(offices, and(eq(offices.tenantId, reports.tenantId), eq(offices.id, reports.officeId)))
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.code, input.code))),
  );
  if (!row) throw new NotFoundError("report");
  const { id, ...receipt } = row;
  return { ...receipt, trackingUrl: reportUrl(tenant.slug, row.code, { id, isPublic: row.isPublic }) };
}
