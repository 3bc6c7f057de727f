import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { auditEvents, type Role } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { Ctx, StaffActor } from "@/lib/context";
import { DomainError } from "@/lib/errors";
import { caught } from "../../support/db";
import { createStaff, type Tenant } from "../../support/factories";

/** A verb context for a new staff member of `tenant` with `role` (and optional offices/organisation). */
export async function staffCtx(
  tenant: Tenant,
  role: Role,
  options: { officeIds?: string[]; organisationId?: string } = {},
): Promise<Ctx<StaffActor>> {
  const { user, membership } = await createStaff(tenant, role, options);
  return {
    tenant,
    actor: {
      kind: "staff",
      userId: user.id,
      name: user.name ?? user.email,
      email: user.email,
      role,
      title: null,
      officeIds: options.officeIds ?? [],
      organisationId: membership.organisationId,
    },
  };
}

/** Asserts the promise fails with a domain error of that code (and returns it for field checks). */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await caught(() => promise);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

export async function auditRows(tenantId: string, action: string) {
  const db = await getSystemDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, action)));
}
