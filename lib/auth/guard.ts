import type { Ctx, StaffActor } from "@/lib/context";
import { ForbiddenError } from "@/lib/errors";
import { requirePermission, type Permission } from "./permissions";

/**
 * First line of every staff verb: guards authorisation. Only a staff actor whose role grants `permission`
 * gets through; citizens, API keys and anonymous callers are refused the same way as a weaker role.
 */
export function staffWith(ctx: Ctx, permission: Permission): StaffActor {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError(permission);
  requirePermission(ctx.actor, permission);
  return ctx.actor;
}
