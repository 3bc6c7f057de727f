import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, billingAccounts, invoices, platformAuditEvents, supportAccessGrants, tenantDomains, tenants } from "@/db/schema";
// System handle: the console reads one comune's platform and billing rows (vendor staff only, checked first).
import { getSystemDb } from "@/db/system";
import { NotFoundError } from "@/lib/errors";
import { requireVendorPermission, vendorCan, type VendorCtx } from "./permissions";

/**
 * One month of a comune's usage. Reports are counted by creation month. Staff and storage have no stored
 * history: they are the accounts and files that exist today, counted by when they were created / uploaded
 * (a removed account or file no longer counts in any month) — the chart says so.
 */
export type UsagePoint = { month: string; reports: number; staff: number; storageBytes: number };

/** Everything the console shows about one comune. Billing data only for roles that may read it. */
export async function getTenantDetail({ ctx, tenantId }: { ctx: VendorCtx; tenantId: string }) {
  const actor = requireVendorPermission(ctx, "tenants.read");
  if (!z.string().uuid().safeParse(tenantId).success) throw new NotFoundError("tenant");
  const db = await getSystemDb();
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError("tenant");
  const billing = vendorCan(actor.role, "billing.read");
  const [account] = billing ? await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)) : [];
  const invoiceRows = billing
    ? await db.select().from(invoices).where(eq(invoices.tenantId, tenantId)).orderBy(desc(invoices.createdAt)).limit(24)
    : [];
  const domains = await db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, tenantId)).orderBy(tenantDomains.host);
  const audit = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(desc(auditEvents.createdAt)).limit(50);
  const platformAudit = await db
    .select()
    .from(platformAuditEvents)
    .where(eq(platformAuditEvents.targetTenantId, tenantId))
    .orderBy(desc(platformAuditEvents.createdAt))
    .limit(50);
  const grantRows = await db.select().from(supportAccessGrants).where(eq(supportAccessGrants.tenantId, tenantId)).orderBy(desc(supportAccessGrants.createdAt)).limit(20);
  const now = Date.now();
  const grants = grantRows.map((g) => ({ ...g, active: !g.revokedAt && g.expiresAt.getTime() > now }));
  const usageResult = await db.execute(sql`
    select to_char(m.month, 'YYYY-MM') as month,
           (select count(*) from reports r where r.tenant_id = ${tenantId} and r.created_at >= m.month and r.created_at < m.month + interval '1 month')::int as reports,
           (select count(*) from memberships s where s.tenant_id = ${tenantId} and s.created_at < m.month + interval '1 month')::int as staff,
           (select coalesce(sum(a.size_bytes), 0) from attachments a where a.tenant_id = ${tenantId} and a.created_at < m.month + interval '1 month')::bigint as "storageBytes"
      from generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') as m(month)
     order by m.month`);
  const usage = ((Array.isArray(usageResult) ? usageResult : (usageResult as { rows: unknown[] }).rows) as UsagePoint[]).map((p) => ({
    ...p,
    storageBytes: Number(p.storageBytes),
  }));
  return { tenant, account: account ?? null, invoices: invoiceRows, domains, audit, platformAudit, grants, usage, canSeeBilling: billing };
}
