import { headers } from "next/headers";
import { getStaffActor } from "@/lib/auth/session";
import type { Ctx, StaffActor } from "@/lib/context";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { env } from "@/lib/env";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

/**
 * The context of a back-office server action or route handler: the comune from the validated Host (never
 * from the form), the staff member from this comune's session (a session of another comune is no session).
 */
export async function staffRequestContext(): Promise<Ctx<StaffActor>> {
  const h = await headers();
  const tenant = await tenantForHost(requestHost(h));
  if (!tenant) throw new NotFoundError("tenant");
  const actor = await getStaffActor(tenant);
  if (!actor) throw new UnauthenticatedError();
  const ip = env.TRUST_PROXY ? (h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null) : null;
  return { tenant, actor, ip };
}
