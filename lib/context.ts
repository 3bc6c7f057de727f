import type { Role } from "@/db/schema";
import type { Tenant } from "@/lib/tenancy/get-tenant";

/** Who is acting. Staff carry their role and scope; citizens may be anonymous. */
export type StaffActor = {
  kind: "staff";
  userId: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  officeIds: string[];
  organisationId: string | null;
  /** Set when a vendor support person acts through time-limited support access. */
  supportGrantId?: string;
};
export type CitizenActor = { kind: "citizen"; userId: string; name: string | null; email: string };
export type AnonymousActor = { kind: "anonymous" };
export type ApiActor = { kind: "api"; apiKeyId: string; name: string };
export type SystemActor = { kind: "system" };
export type Actor = StaffActor | CitizenActor | AnonymousActor | ApiActor | SystemActor;

export type TenantRef = Pick<
  Tenant,
  "id" | "slug" | "name" | "codePrefix" | "boundary" | "settings" | "status" | "primaryColor" | "centreLat" | "centreLng" | "bboxMinLat" | "bboxMinLng" | "bboxMaxLat" | "bboxMaxLng"
>;

/** Every verb receives the tenant (always from the host) and the actor (always from the session or key). */
export type Ctx<A extends Actor = Actor> = { tenant: TenantRef; actor: A; ip?: string | null };

export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind === "staff";
}
