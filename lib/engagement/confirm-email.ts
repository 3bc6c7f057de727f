import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { emailConfirmations, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { findPublicReport } from "@/lib/reports/get-public-report";
import { hashToken } from "@/lib/security/tokens";
import { assertCommentsOpen, publishComment } from "./comment-on-report";
import { activateFollower } from "./follow-report";
import { addSupport } from "./support-report";
import { assertWritable } from "./shared";

const tokenInput = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);

export type PendingConfirmation = { purpose: "follow" | "comment" | "support"; code: string; body: string | null };
export type ConfirmResult = PendingConfirmation & { alreadyDone: boolean };

/**
 * What an emailed link would confirm, without using it: the confirmation page shows it with a button, so
 * a mail client's link prefetcher (a GET) never publishes a comment on its own.
 */
export async function peekConfirmation({ ctx, input }: { ctx: Ctx; input: { token: string } }): Promise<PendingConfirmation & { used: boolean }> {
  return withTenant(ctx.tenant.id, async (tx) => {
    const { row, code } = await load(tx, ctx.tenant.id, input.token, false);
    return { ...describe(row, code), used: row.usedAt !== null };
  });
}

/**
 * Applies a held action once its emailed link is confirmed (POST): follow, comment or support. Looks the
 * token up by hash within this comune only, refuses expired links, and marks the row used in the same
 * transaction as the action, so a link works once; a second click reports "already done".
 */
export async function confirmEmail({ ctx, input }: { ctx: Ctx; input: { token: string } }): Promise<ConfirmResult> {
  assertWritable(ctx);
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const { row, code } = await load(tx, tenant.id, input.token, true);
    if (row.usedAt) return { ...describe(row, code), alreadyDone: true };
    // The report may have turned private (or its category internal) since: then nothing is applied.
    const report = await findPublicReport(tx, tenant.id, code);
    if (row.purpose === "follow") {
      await activateFollower(tx, tenant.id, report.id, row.email, null);
    } else if (row.purpose === "comment") {
      assertCommentsOpen(tenant, report);
      await publishComment(tx, tenant.id, report.id, String(row.payload.body ?? ""), null);
    } else if (row.purpose === "support") {
      await addSupport(tx, tenant.id, report.id, `email:${row.email}`);
    } else {
      throw new NotFoundError("confirmation");
    }
    await tx
      .update(emailConfirmations)
      .set({ usedAt: new Date() })
      .where(and(eq(emailConfirmations.tenantId, tenant.id), eq(emailConfirmations.id, row.id)));
    return { ...describe(row, code), alreadyDone: false };
  });
}

async function load(tx: Tx, tenantId: string, token: string, lock: boolean) {
  if (!tokenInput.safeParse(token).success) throw new NotFoundError("confirmation");
  const query = tx
    .select({ row: emailConfirmations, code: reports.code })
    .from(emailConfirmations)
    .innerJoin(reports, and(eq(reports.tenantId, emailConfirmations.tenantId), eq(reports.id, emailConfirmations.reportId)))
    .where(and(eq(emailConfirmations.tenantId, tenantId), eq(emailConfirmations.tokenHash, hashToken(token))));
  const [found] = lock ? await query.for("update", { of: emailConfirmations }) : await query;
  if (!found || !["follow", "comment", "support"].includes(found.row.purpose)) throw new NotFoundError("confirmation");
  if (!found.row.usedAt && found.row.expiresAt.getTime() < Date.now()) throw new ConflictError("link_expired");
  return found;
}

function describe(row: typeof emailConfirmations.$inferSelect, code: string): PendingConfirmation {
  return {
    purpose: row.purpose as PendingConfirmation["purpose"],
    code,
    body: row.purpose === "comment" ? String(row.payload.body ?? "") : null,
  };
}
