import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenants, type TenantSettings } from "@/db/schema";
// System handle: the progress lives in the platform `tenants` row's settings; the audit row goes in the same
// transaction with the tenant id set explicitly (as update-tenant-settings does).
import { getSystemDb } from "@/db/system";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { recordAudit } from "@/lib/audit/record-audit";
import { writingTenants } from "@/lib/tenancy/get-tenant";

/** The setup wizard's steps, in order; "done" is the closing page. */
export const SETUP_STEPS = ["branding", "offices", "staff", "area", "done"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
export type StepState = "done" | "skipped" | "todo";

export type SetupProgress = {
  steps: { key: SetupStep; state: StepState }[];
  /** The first step neither saved nor skipped: where a returning admin resumes ("done" when all are). */
  resumeAt: SetupStep;
  finished: boolean;
};

/** Pure: reads the progress stored in tenants.settings.setup. */
export function setupProgress(settings: TenantSettings | null | undefined): SetupProgress {
  const done = new Set(settings?.setup?.done ?? []);
  const skipped = new Set(settings?.setup?.skipped ?? []);
  const steps = SETUP_STEPS.map((key) => ({
    key,
    state: (done.has(key) ? "done" : skipped.has(key) ? "skipped" : "todo") as StepState,
  }));
  const next = steps.find((s) => s.key !== "done" && s.state === "todo");
  return { steps, resumeAt: next?.key ?? "done", finished: Boolean(settings?.setup?.finishedAt) };
}

const input = z.object({
  step: z.enum(SETUP_STEPS, "required"),
  outcome: z.enum(["done", "skipped"], "required"),
});

/**
 * Records that a wizard step was completed or skipped (the step's own data is saved by its verb: branding,
 * offices, staff, area). "done" on the last step closes the wizard. Steps can be revisited: a skipped step
 * completed later moves to done. Needs config.write; refused on a suspended comune. Audited.
 */
export async function recordSetupStep({
  ctx,
  input: raw,
}: {
  ctx: Ctx;
  input: z.input<typeof input>;
}): Promise<SetupProgress> {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(input, raw);
  const db = await getSystemDb();
  return writingTenants(db.transaction(async (tx) => {
    // Row lock: two tabs recording steps at once must not drop each other's progress.
    const [row] = await tx
      .select({ settings: tenants.settings })
      .from(tenants)
      .where(eq(tenants.id, ctx.tenant.id))
      .for("update");
    const current = row?.settings?.setup ?? {};
    const done = new Set(current.done ?? []);
    const skipped = new Set(current.skipped ?? []);
    if (data.outcome === "done") {
      done.add(data.step);
      skipped.delete(data.step);
    } else if (!done.has(data.step)) {
      skipped.add(data.step);
    }
    const setup: NonNullable<TenantSettings["setup"]> = {
      done: SETUP_STEPS.filter((s) => done.has(s)),
      skipped: SETUP_STEPS.filter((s) => skipped.has(s)),
      ...(current.finishedAt ? { finishedAt: current.finishedAt } : {}),
      ...(data.step === "done" && data.outcome === "done" ? { finishedAt: new Date().toISOString() } : {}),
    };
    await tx
      .update(tenants)
      .set({
        settings: sql`${tenants.settings} || ${JSON.stringify({ setup })}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordAudit(tx, ctx, actor, {
      action: "setup.step",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { step: data.step, outcome: data.outcome },
    });
    return setupProgress({ ...row?.settings, setup });
  }));
}
