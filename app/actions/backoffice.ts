"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { errorState } from "@/lib/backoffice/action-state";
import type { FormState } from "@/lib/backoffice/form-state";
import { addInternalNote } from "@/lib/backoffice/add-internal-note";
import { assignReport, type AssignReportInput } from "@/lib/backoffice/assign-report";
import type { IncomingFile } from "@/lib/backoffice/attachments";
import { bulkUpdate } from "@/lib/backoffice/bulk-update";
import { changeCategory } from "@/lib/backoffice/change-category";
import { closeNotCompetent } from "@/lib/backoffice/close-not-competent";
import { markCallbackDone } from "@/lib/backoffice/mark-callback-done";
import { markDuplicate } from "@/lib/backoffice/mark-duplicate";
import { moderateReport } from "@/lib/backoffice/moderate-report";
import { moveReportPin } from "@/lib/backoffice/move-report-pin";
import { onBehalfInput } from "@/lib/backoffice/on-behalf-input";
import { postExternalProgress } from "@/lib/backoffice/post-external-progress";
import { rejectReport } from "@/lib/backoffice/reject-report";
import { reopenReport } from "@/lib/backoffice/reopen-report";
import { replyPublicly } from "@/lib/backoffice/reply-publicly";
import { templateBody } from "@/lib/backoffice/list-options";
import { staffRequestContext } from "@/lib/backoffice/request-context";
import { resolveReport } from "@/lib/backoffice/resolve-report";
import { setPriority } from "@/lib/backoffice/set-priority";
import { startProgress } from "@/lib/backoffice/start-progress";
import { NotFoundError } from "@/lib/errors";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { createReport } from "@/lib/reports/create-report";

type Ctx = Awaited<ReturnType<typeof staffRequestContext>>;

/** Text fields of a form (files excluded), returned on error so the form shows what was typed. */
function textValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v;
  return values;
}

async function filesOf(form: FormData, name: string): Promise<IncomingFile[]> {
  const files: IncomingFile[] = [];
  for (const v of form.getAll(name)) {
    if (typeof v === "string" || v.size === 0) continue;
    files.push({ name: v.name, data: Buffer.from(await v.arrayBuffer()) });
  }
  return files;
}

const str = (form: FormData, name: string) => String(form.get(name) ?? "");

/** The step's text; a saved reply chosen with the box left empty (a form sent without JavaScript) gives it. */
async function textOrTemplate(ctx: Ctx, form: FormData, name: string): Promise<string> {
  const text = str(form, name);
  const templateId = str(form, "templateId");
  if (text.trim() || !templateId) return text;
  return (await templateBody({ ctx, templateId })) ?? text;
}

const INTENTS: Record<string, (ctx: Ctx, form: FormData) => Promise<unknown>> = {
  acknowledge: async (ctx, f) => acknowledgeReport({ ctx, input: { reportId: str(f, "reportId"), message: await textOrTemplate(ctx, f, "message") } }),
  start: async (ctx, f) => startProgress({ ctx, input: { reportId: str(f, "reportId"), message: await textOrTemplate(ctx, f, "message") } }),
  resolve: async (ctx, f) =>
    resolveReport({ ctx, input: { reportId: str(f, "reportId"), message: await textOrTemplate(ctx, f, "message") }, files: await filesOf(f, "photos") }),
  close_not_competent: async (ctx, f) =>
    closeNotCompetent({
      ctx,
      input: { reportId: str(f, "reportId"), organisationId: str(f, "organisationId"), body: str(f, "body"), forwardEmail: str(f, "forwardEmail"), message: await textOrTemplate(ctx, f, "message") },
    }),
  reject: async (ctx, f) => rejectReport({ ctx, input: { reportId: str(f, "reportId"), reason: await textOrTemplate(ctx, f, "reason") } }),
  mark_duplicate: (ctx, f) => markDuplicate({ ctx, input: { reportId: str(f, "reportId"), originalCode: str(f, "originalCode") } }),
  reopen: (ctx, f) => reopenReport({ ctx, input: { reportId: str(f, "reportId"), message: str(f, "message") } }),
  reply: async (ctx, f) =>
    replyPublicly({
      ctx,
      input: {
        reportId: str(f, "reportId"),
        body: str(f, "body"),
        templateId: str(f, "templateId"),
        signAs: str(f, "signAs") === "comune" ? "comune" : "person",
      },
      files: await filesOf(f, "files"),
    }),
  note: async (ctx, f) => addInternalNote({ ctx, input: { reportId: str(f, "reportId"), body: str(f, "body") }, files: await filesOf(f, "files") }),
  assign: (ctx, f) => {
    const reportId = str(f, "reportId");
    const target = str(f, "target");
    const input: AssignReportInput =
      target === "office"
        ? { reportId, target, officeId: str(f, "officeId") }
        : target === "organisation"
          ? { reportId, target, organisationId: str(f, "organisationId"), message: str(f, "message") }
          : target === "none"
            ? { reportId, target, remove: str(f, "remove") as "user" }
            : { reportId, target: "user", userId: str(f, "userId") };
    return assignReport({ ctx, input });
  },
  change_category: (ctx, f) => changeCategory({ ctx, input: { reportId: str(f, "reportId"), categoryId: str(f, "categoryId") } }),
  set_priority: (ctx, f) =>
    setPriority({ ctx, input: { reportId: str(f, "reportId"), priority: str(f, "priority") as "normal" } }),
  move_pin: (ctx, f) =>
    moveReportPin({ ctx, input: { reportId: str(f, "reportId"), lat: str(f, "lat"), lng: str(f, "lng"), address: str(f, "address") } }),
  moderate: (ctx, f) =>
    moderateReport({
      ctx,
      input: {
        reportId: str(f, "reportId"),
        publicTitle: str(f, "publicTitle"),
        publicDescription: str(f, "publicDescription"),
        hiddenAttachmentIds: f.getAll("hiddenAttachmentIds").map(String),
        hiddenCommentIds: f.getAll("hiddenCommentIds").map(String),
      },
    }),
  callback_done: (ctx, f) => markCallbackDone({ ctx, input: { reportId: str(f, "reportId"), note: str(f, "note") } }),
  external_progress: async (ctx, f) =>
    postExternalProgress({
      ctx,
      input: { reportId: str(f, "reportId"), body: str(f, "body"), completed: f.get("completed") === "on" },
      files: await filesOf(f, "files"),
    }),
};

/**
 * Every action of the report handling page: parses the form, calls the verb (which checks permission,
 * scope and state itself), maps typed errors to localized messages and keeps what was typed.
 */
export async function reportAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  const run = INTENTS[str(form, "intent")];
  try {
    if (!run) throw new Error("unknown intent");
    const ctx = await staffRequestContext();
    await run(ctx, form);
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/ufficio", "layout");
  const t = await getTranslations("backoffice.actions");
  return { ok: true, message: t("saved"), at: Date.now() };
}

/** Bulk actions of the inbox (checkbox form). */
export async function bulkAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  try {
    const ctx = await staffRequestContext();
    const result = await bulkUpdate({
      ctx,
      input: {
        reportIds: form.getAll("reportIds").map(String),
        action: str(form, "bulkAction") as "acknowledge",
        userId: str(form, "userId") || undefined,
        officeId: str(form, "officeId") || undefined,
        message: str(form, "message") || undefined,
      },
    });
    revalidatePath("/ufficio", "layout");
    const t = await getTranslations("backoffice.inbox.bulk");
    const message = [t("done", { done: result.done })];
    if (result.failed.length > 0) message.push(t("failed", { count: result.failed.length, codes: result.failed.map((f) => f.code).join(", ") }));
    return { ok: result.failed.length === 0, message: message.join(" "), at: Date.now() };
  } catch (error) {
    return errorState(error, values);
  }
}

/** A report received by phone, at the counter, by email or letter, entered by staff. */
export async function createOnBehalfAction(_prev: FormState, form: FormData): Promise<FormState> {
  const flags = form.getAll("answerFlags").map(String);
  const values = { ...textValues(form), answerFlags: flags.join("\n") };
  let code: string;
  try {
    const ctx = await staffRequestContext();
    const tenant = await getTenant(ctx.tenant.slug);
    if (!tenant) throw new NotFoundError("tenant");
    const created = await createReport({ ctx, input: onBehalfInput(form, { lat: tenant.centreLat, lng: tenant.centreLng }) });
    code = created.code;
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`/ufficio/segnalazioni/${code}`);
}
