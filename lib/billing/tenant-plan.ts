import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
// System handle: the comune's plan and population live on the platform tenants row.
import { getSystemDb } from "@/db/system";
import { planOf, type Plan } from "./plans";

/** The comune's plan from its platform row (tenants.plan set by vendor staff or billing, else its tier). */
export async function tenantPlan(tenantId: string): Promise<Plan> {
  const db = await getSystemDb();
  const [row] = await db.select({ plan: tenants.plan, population: tenants.population }).from(tenants).where(eq(tenants.id, tenantId));
  return planOf({ plan: row?.plan ?? null, population: row?.population ?? null });
}
