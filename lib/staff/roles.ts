import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { offices, organisations, type Role } from "@/db/schema";
import { ValidationError } from "@/lib/errors";

/**
 * The scope a role needs, checked against this comune's own rows: operators work in at least one office,
 * externals belong to an organisation (and only externals do). Returns the cleaned scope.
 */
export async function checkRoleScope(
  tx: Tx,
  tenantId: string,
  role: Role,
  officeIds: string[],
  organisationId: string | null | undefined,
): Promise<{ officeIds: string[]; organisationId: string | null }> {
  const unique = [...new Set(officeIds)];
  if (role === "operator" && unique.length === 0) throw new ValidationError("validation", { officeIds: ["office_required"] });
  if (unique.length > 0) {
    const found = await tx
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), inArray(offices.id, unique)));
    if (found.length !== unique.length) throw new ValidationError("validation", { officeIds: ["invalid"] });
  }
  if (role !== "external") return { officeIds: unique, organisationId: null };
  if (!organisationId) throw new ValidationError("validation", { organisationId: ["organisation_required"] });
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, organisationId)));
  if (!org) throw new ValidationError("validation", { organisationId: ["invalid"] });
  return { officeIds: unique, organisationId };
}
