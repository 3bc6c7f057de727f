"use server";

import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { getCitizenActor } from "@/lib/auth/session";
import { addReportInfo } from "@/lib/engagement/add-report-info";
import { commentOnReport } from "@/lib/engagement/comment-on-report";
import { confirmEmail } from "@/lib/engagement/confirm-email";
import { followReport } from "@/lib/engagement/follow-report";
import { rateReport } from "@/lib/engagement/rate-report";
import { supportReport } from "@/lib/engagement/support-report";
import { unfollowReport } from "@/lib/engagement/unfollow-report";
import type { Ctx } from "@/lib/context";
import { DomainError, NotFoundError, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { clientIp } from "@/lib/http/client-ip";
import { liveTenantFromHeaders as tenantFromHeaders } from "@/lib/tenancy/tenant-for-host";

/** What a citizen form gets back: the result, plus what they typed so the form keeps it on errors. */
export type FormState<T> = (ActionResult<T> & { values?: Record<string, string> }) | null;

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

/** The tenant always comes from the Host; a signed-in citizen acts as themself, anyone else anonymously. */
async function citizenCtx(): Promise<Ctx> {
  const h = await headers();
  const tenant = await tenantFromHeaders(h);
  if (!tenant) throw new NotFoundError("tenant");
  const citizen = await getCitizenActor(tenant);
  return { tenant, actor: citizen ?? { kind: "anonymous" }, ip: clientIp(h) };
}

/** Runs a verb and maps typed errors to Italian/English messages; unexpected errors stay generic. */
async function run<T>(values: Record<string, string>, fn: (ctx: Ctx) => Promise<T>): Promise<FormState<T>> {
  try {
    return { ok: true, data: await fn(await citizenCtx()) };
  } catch (error) {
    const t = await getTranslations("citizens.errors");
    const tr = (key: string) => (t.has(key) ? t(key) : t("invalid"));
    if (error instanceof DomainError) {
      const fieldErrors = error.fieldErrors
        ? Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v.map(tr)]))
        : undefined;
      return { ok: false, code: error.code, message: t.has(error.code) ? t(error.code) : t("generic"), fieldErrors, values };
    }
    const id = randomUUID();
    logger.error("citizen action failed", { id, error: String(error) });
    return { ok: false, code: "internal", message: t("generic"), values };
  }
}

export async function followAction(_: FormState<unknown>, form: FormData) {
  const values = { email: str(form, "email") };
  return run(values, (ctx) => followReport({ ctx, input: { code: str(form, "code"), email: values.email } }));
}

export async function supportAction(_: FormState<unknown>, form: FormData) {
  const values = { email: str(form, "email") };
  return run(values, (ctx) => supportReport({ ctx, input: { code: str(form, "code"), email: values.email } }));
}

export async function commentAction(_: FormState<unknown>, form: FormData) {
  const values = { email: str(form, "email"), body: str(form, "body") };
  return run(values, (ctx) => commentOnReport({ ctx, input: { code: str(form, "code"), ...values } }));
}

export async function confirmAction(_: FormState<unknown>, form: FormData) {
  return run({}, (ctx) => confirmEmail({ ctx, input: { token: str(form, "token") } }));
}

export async function unsubscribeAction(_: FormState<unknown>, form: FormData) {
  return run({}, (ctx) => unfollowReport({ ctx, input: { followerId: str(form, "f"), token: str(form, "t") } }));
}

export async function rateAction(_: FormState<unknown>, form: FormData) {
  const values = { score: str(form, "score"), fixed: str(form, "fixed"), comment: str(form, "comment") };
  return run(values, (ctx) =>
    rateReport({ ctx, input: { code: str(form, "code"), token: str(form, "t"), score: values.score, fixed: values.fixed, comment: values.comment } }),
  );
}

export async function addInfoAction(_: FormState<unknown>, form: FormData) {
  const values = { body: str(form, "body") };
  const uploadIds = form.getAll("uploadIds").filter((v): v is string => typeof v === "string");
  const uploadOwnerKey = str(form, "uploadOwnerKey") || undefined;
  return run(values, (ctx) =>
    addReportInfo({ ctx, input: { code: str(form, "code"), token: str(form, "t"), body: values.body, uploadIds, uploadOwnerKey } }),
  );
}
