import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { recordSetupStep, setupProgress } from "@/lib/onboarding/setup-progress";
import { createTenant } from "../../support/factories";
import { auditRows, expectCode, staffCtx } from "../backoffice-admin/helpers";

async function settingsOf(tenantId: string) {
  const db = await getSystemDb();
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  return row!.settings;
}

describe("setup wizard progress", () => {
  it("records saved and skipped steps, resumes at the first open one, and closes on the last", async () => {
    const tenant = await createTenant({ settings: { commentsEnabled: false } });
    const ctx = await staffCtx(tenant, "admin");
    expect(setupProgress(tenant.settings).resumeAt).toBe("branding");

    await recordSetupStep({ ctx, input: { step: "branding", outcome: "done" } });
    await recordSetupStep({ ctx, input: { step: "offices", outcome: "skipped" } });
    let progress = setupProgress(await settingsOf(tenant.id));
    expect(progress.resumeAt).toBe("staff");
    expect(progress.steps.map((s) => s.state)).toEqual(["done", "skipped", "todo", "todo", "todo"]);

    // A skipped step completed later counts as done; skipping a done step does not undo it.
    await recordSetupStep({ ctx, input: { step: "offices", outcome: "done" } });
    await recordSetupStep({ ctx, input: { step: "branding", outcome: "skipped" } });
    await recordSetupStep({ ctx, input: { step: "staff", outcome: "done" } });
    await recordSetupStep({ ctx, input: { step: "area", outcome: "skipped" } });
    progress = await recordSetupStep({ ctx, input: { step: "done", outcome: "done" } });
    expect(progress.steps.map((s) => s.state)).toEqual(["done", "done", "done", "skipped", "done"]);
    expect(progress).toMatchObject({ resumeAt: "done", finished: true });

    const stored = await settingsOf(tenant.id);
    expect(stored.commentsEnabled).toBe(false); // other settings untouched
    expect(stored.setup?.finishedAt).toBeTruthy();
    const audit = await auditRows(tenant.id, "setup.step");
    expect(audit).toHaveLength(7);
    expect(audit.map((a) => a.data)).toContainEqual({ step: "area", outcome: "skipped" });
  });

  it("is the comune's own: another comune's progress is untouched; operators are forbidden; bad input and suspended comuni refused", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    await recordSetupStep({ ctx: await staffCtx(tenant, "admin"), input: { step: "area", outcome: "done" } });
    expect((await settingsOf(other.id)).setup).toBeUndefined();

    await expectCode(recordSetupStep({ ctx: await staffCtx(tenant, "operator"), input: { step: "area", outcome: "done" } }), "forbidden");
    const admin = await staffCtx(tenant, "admin");
    const bad = await expectCode(recordSetupStep({ ctx: admin, input: { step: "billing" as never, outcome: "done" } }), "validation");
    expect(bad.fieldErrors).toHaveProperty("step");
    await expectCode(recordSetupStep({ ctx: { ...admin, tenant: { ...tenant, status: "suspended" } }, input: { step: "staff", outcome: "done" } }), "suspended");
    expect(setupProgress(await settingsOf(tenant.id)).steps.find((s) => s.key === "staff")!.state).toBe("todo");
  });
});
