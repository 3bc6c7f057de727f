import type { Role } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";

/** One vocabulary of permissions, checked on the server by every action and route handler. */
export const PERMISSIONS = [
  "reports.read", // reports in the actor's scope (office, organisation, or all)
  "reports.read_all", // every report of the comune, regardless of office
  "reports.handle", // take in charge, progress, resolve, reply, note
  "reports.triage", // recategorise, reassign across offices, merge duplicates
  "reports.moderate", // hide/edit public text, photos and comments
  "reports.create_on_behalf", // enter reports received by phone, counter, email, letter
  "reports.reply_public",
  "reports.note_internal",
  "reports.progress_external", // a contractor posts progress and completion
  "dashboards.read",
  "config.write", // offices, organisations, categories, templates, area, branding
  "staff.manage",
  "billing.manage",
  "audit.read",
  "api_keys.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    "reports.read",
    "reports.read_all",
    "reports.handle",
    "reports.triage",
    "reports.moderate",
    "reports.create_on_behalf",
    "reports.reply_public",
    "reports.note_internal",
    "dashboards.read",
    "audit.read",
  ],
  operator: [
    "reports.read",
    "reports.handle",
    "reports.create_on_behalf",
    "reports.reply_public",
    "reports.note_internal",
  ],
  politician: ["reports.read", "reports.read_all", "reports.reply_public", "dashboards.read"],
  external: ["reports.read", "reports.progress_external"],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Guards every privileged verb: throws ForbiddenError unless the staff actor's role grants it. */
export function requirePermission(actor: { role: Role } | null | undefined, permission: Permission): void {
  if (!actor || !can(actor.role, permission)) throw new ForbiddenError(permission);
}
