import { redirect } from "next/navigation";
import { getVendorActor, type VendorActor } from "@/lib/auth/session";

/** For console pages: the vendor actor, or sign-in; without the second factor, only the enrolment page. */
export async function requireVendorPage(): Promise<VendorActor> {
  const actor = await getVendorActor();
  if (!actor) redirect("/accedi");
  if (!actor.mfa) redirect("/mfa");
  return actor;
}
