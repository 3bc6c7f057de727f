import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import type { Ctx, StaffActor } from "@/lib/context";
import { getTenant, type Tenant } from "@/lib/tenancy/get-tenant";

/** A back-office page's context: the comune of the host segment and its signed-in staff member. */
export async function staffPageContext(params: Promise<{ tenant: string }>, permission: Permission = "reports.read"): Promise<Ctx<StaffActor> & { tenant: Tenant }> {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await requireStaff(tenant, permission);
  return { tenant, actor };
}
