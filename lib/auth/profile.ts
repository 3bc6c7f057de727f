import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
// System handle: a person's password and second factor live on the platform users row; the audit row of
// the comune they did it from is written in the same system transaction, tenant id set explicitly.
import { getSystemDb } from "@/db/system";
import { parseInput } from "@/lib/config/parse";
import type { Ctx, StaffActor } from "@/lib/context";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { newPasswordField, passwordProblem } from "./password-policy";
import { verifyTotp } from "./totp";

function selfActor(ctx: Ctx): StaffActor {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError();
  return ctx.actor;
}

async function audit(tx: Tx, ctx: Ctx, actor: StaffActor, action: string) {
  await tx.insert(auditEvents).values({
    tenantId: ctx.tenant.id,
    actorUserId: actor.userId,
    actorKind: "staff",
    action,
    targetType: "user",
    targetId: actor.userId,
    data: {},
    ip: ctx.ip ?? null,
  });
}

async function loadSelf(userId: string) {
  const db = await getSystemDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new ForbiddenError();
  return user;
}

const changePasswordInput = z.object({ current: z.string().max(200), password: newPasswordField });

/** A staff member changes their own password: the current one is required, the new one follows the policy. */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: z.input<typeof changePasswordInput> }) {
  const actor = selfActor(ctx);
  const data = parseInput(changePasswordInput, input);
  const user = await loadSelf(actor.userId);
  if (!(await verifyPassword(data.current, user.passwordHash))) {
    throw new ValidationError("validation", { current: ["password_wrong"] });
  }
  const problem = passwordProblem(data.password, user.email);
  if (problem) throw new ValidationError("validation", { password: [problem] });
  const passwordHash = await hashPassword(data.password);
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await audit(tx, ctx, actor, "profile.password");
  });
}

const enableTotpInput = z.object({
  secret: z.string().regex(/^[A-Z2-7]{32}$/, "invalid"),
  code: z.string().trim().regex(/^\d{6}$/, "totp_invalid"),
});

/** Saves a TOTP secret only after the person proved their app produces its codes. Returns the stored secret. */
export async function enableTotp({ ctx, input }: { ctx: Ctx; input: z.input<typeof enableTotpInput> }): Promise<string> {
  const actor = selfActor(ctx);
  const data = parseInput(enableTotpInput, input);
  const user = await loadSelf(actor.userId);
  if (user.totpSecret) throw new ConflictError("totp_already_enabled");
  if (!verifyTotp(data.secret, data.code)) throw new ValidationError("validation", { code: ["totp_invalid"] });
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: data.secret }).where(eq(users.id, user.id));
    await audit(tx, ctx, actor, "profile.totp_enable");
  });
  return data.secret;
}

const disableTotpInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, "totp_invalid") });

/** Removes the second factor with a valid current code; refused where the comune makes it mandatory. */
export async function disableTotp({ ctx, input }: { ctx: Ctx; input: z.input<typeof disableTotpInput> }) {
  const actor = selfActor(ctx);
  const data = parseInput(disableTotpInput, input);
  if (ctx.tenant.settings?.mfaRequired) throw new ConflictError("totp_mandatory");
  const user = await loadSelf(actor.userId);
  if (!user.totpSecret) return;
  if (!verifyTotp(user.totpSecret, data.code)) throw new ValidationError("validation", { code: ["totp_invalid"] });
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null }).where(eq(users.id, user.id));
    await audit(tx, ctx, actor, "profile.totp_disable");
  });
}

/** Whether the signed-in person has a second factor (the profile page shows enrol or disable). */
export async function hasTotp(userId: string): Promise<boolean> {
  return Boolean((await loadSelf(userId)).totpSecret);
}
