import { notFound } from "next/navigation";
import type { Ctx, StaffActor } from "@/lib/context";
import { getTenant, type Tenant } from "@/lib/tenancy/get-tenant";
import type { Permission } from "./permissions";
import { requireStaff } from "./session";

/**
 * Every back-office page of part A starts here: the comune from the host-derived segment (fail closed),
 * then requireStaff — sign-in redirect, second-factor enrolment, 404 without the permission. Pages never
 * rely on the back-office layout for this.
 */
export async function staffPage(
  params: Promise<{ tenant: string }>,
  permission?: Permission,
): Promise<{ tenant: Tenant; actor: StaffActor; ctx: Ctx }> {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const actor = await requireStaff(tenant, permission);
  return { tenant, actor, ctx: { tenant, actor } };
}
