import { getTranslations } from "next-intl/server";
import { reportAction } from "@/app/actions/backoffice";
import { REPORT_PRIORITIES } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { mapConfig } from "@/lib/maps/config";
import type { StaffActor } from "@/lib/context";
import type { StaffReport } from "@/lib/backoffice/get-staff-report";
import { templatesFor, type BackofficeOptions } from "@/lib/backoffice/list-options";
import { allowedActions, nextStatus, type WorkflowAction } from "@/lib/reports/transitions";
import { isOpenStatus } from "@/lib/reports/statuses";
import { ActionForm, CheckboxField, FileField, SelectField, TextField } from "./action-form";
import { PinPicker } from "./pin-picker";
import { ReplyTemplateFields } from "./reply-template-fields";

type Props = { data: StaffReport; options: BackofficeOptions; actor: StaffActor; tenantName: string };

function Panel({ title, children, testId, open }: { title: string; children: React.ReactNode; testId?: string; open?: boolean }) {
  return (
    <details className="rounded-lg border border-gray-300 bg-white p-3" data-testid={testId} open={open}>
      <summary className="min-h-11 cursor-pointer py-2 text-lg font-semibold">{title}</summary>
      <div className="pt-2">{children}</div>
    </details>
  );
}

/**
 * The actions a person may take on this report now: workflow steps allowed by the state machine and the
 * role, reply, note, assignment, triage, moderation, contractor progress. The verbs check it all again.
 */
export async function ReportActions({ data, options, actor, tenantName }: Props) {
  const t = await getTranslations("backoffice");
  const r = data.report;
  const id = r.id;
  const handle = can(actor.role, "reports.handle");
  const triage = can(actor.role, "reports.triage");
  const workflow = handle ? allowedActions(r.status).filter((a) => a !== "mark_duplicate" || triage) : [];
  const choose = { value: "", label: t("actions.choose") };
  const officePeople = options.staff.filter((p) => triage || (r.officeId !== null && p.officeIds.includes(r.officeId)));

  const templateLabels = (body: string) => ({
    template: t("actions.template"),
    noTemplate: t("actions.noTemplate"),
    body,
    applied: t("actions.templateApplied", { title: "{title}" }),
    confirmReplace: t("actions.templateConfirmReplace", { title: "{title}" }),
    replace: t("actions.templateReplace"),
    keep: t("actions.templateKeep"),
    kept: t("actions.templateKept"),
    suggested: t("actions.templatesSuggested"),
    other: t("actions.templatesOther"),
  });
  /** The text box of a step, with the saved replies written for the state it leads to (and general ones). */
  const messageWithTemplates = (action: WorkflowAction, name: string, label: string) => {
    const templates = templatesFor(options.templates, nextStatus(r.status, action) ?? r.status, true);
    if (templates.length === 0) return <TextField name={name} label={label} multiline />;
    return <ReplyTemplateFields name={name} templates={templates} labels={templateLabels(label)} />;
  };

  const workflowForm = (action: WorkflowAction) => {
    switch (action) {
      case "resolve":
        return (
          <>
            {messageWithTemplates(action, "message", t("actions.messageOptional"))}
            <FileField name="photos" label={t("actions.resolvePhotos")} accept="image/*" capture />
          </>
        );
      case "close_not_competent":
        return (
          <>
            <SelectField name="organisationId" label={t("actions.forwardTo")} options={[choose, ...options.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
            <TextField name="body" label={t("actions.forwardOther")} />
            <TextField name="forwardEmail" type="email" autoComplete="off" label={t("actions.forwardEmail")} hint={t("actions.forwardEmailHint")} />
            {messageWithTemplates(action, "message", t("actions.message"))}
          </>
        );
      case "reject":
        return messageWithTemplates(action, "reason", t("actions.reason"));
      case "mark_duplicate":
        return <TextField name="originalCode" label={t("actions.originalCode")} required />;
      default:
        return messageWithTemplates(action, "message", t("actions.messageOptional"));
    }
  };

  return (
    <section aria-labelledby="actions-title" className="space-y-3" data-testid="report-actions">
      <h2 id="actions-title" className="text-2xl font-semibold">{t("actions.title")}</h2>
      {!handle && !can(actor.role, "reports.reply_public") && !can(actor.role, "reports.progress_external") ? <p>{t("actions.readOnly")}</p> : null}

      {workflow.map((action) => (
        <Panel key={action} title={t(`actions.${action}`)} testId={`action-${action}`}>
          <ActionForm action={reportAction} intent={action} reportId={id} submitLabel={t(`actions.${action}`)}>
            {workflowForm(action)}
          </ActionForm>
        </Panel>
      ))}

      {can(actor.role, "reports.reply_public") ? (
        <Panel title={t("actions.reply")} testId="action-reply">
          <p className="mb-2 text-sm text-muted">{t("actions.replyHint")}</p>
          <ActionForm action={reportAction} intent="reply" reportId={id} submitLabel={t("actions.sendReply")}>
            <ReplyTemplateFields templates={templatesFor(options.templates, r.status, false)} labels={templateLabels(t("actions.replyBody"))} />
            <SelectField
              name="signAs"
              label={t("actions.signAs")}
              options={[
                { value: "person", label: t("actions.signPerson", { name: actor.name, title: actor.title ?? t(`roles.${actor.role}`) }) },
                { value: "comune", label: t("actions.signComune", { name: tenantName }) },
              ]}
            />
            <FileField name="files" label={t("actions.attachments")} />
          </ActionForm>
        </Panel>
      ) : null}

      {can(actor.role, "reports.progress_external") && isOpenStatus(r.status) ? (
        <Panel title={t("actions.external")} testId="action-external" open>
          <ActionForm action={reportAction} intent="external_progress" reportId={id} submitLabel={t("actions.doExternal")}>
            <TextField name="body" label={t("actions.externalBody")} multiline required />
            <CheckboxField name="completed" label={t("actions.externalCompleted")} />
            <FileField name="files" label={t("actions.resolvePhotos")} accept="image/*" capture />
          </ActionForm>
        </Panel>
      ) : null}

      {can(actor.role, "reports.note_internal") ? (
        <Panel title={t("actions.note")} testId="action-note">
          <p className="mb-2 text-sm text-muted">{t("actions.noteHint")}</p>
          <ActionForm action={reportAction} intent="note" reportId={id} submitLabel={t("actions.addNote")}>
            <TextField name="body" label={t("actions.noteBody")} multiline required />
            <FileField name="files" label={t("actions.attachments")} />
          </ActionForm>
        </Panel>
      ) : null}

      {handle ? (
        <Panel title={t("actions.assign")} testId="action-assign">
          <div className="space-y-4">
            <ActionForm action={reportAction} intent="assign" reportId={id} submitLabel={t("actions.doAssign")} testId="assign-user">
              <input type="hidden" name="target" value="user" />
              <SelectField name="userId" label={t("actions.assignPerson")} required options={[choose, ...officePeople.map((p) => ({ value: p.id, label: p.name }))]} />
            </ActionForm>
            <ActionForm action={reportAction} intent="assign" reportId={id} submitLabel={t("actions.doAssign")} testId="assign-organisation">
              <input type="hidden" name="target" value="organisation" />
              <SelectField name="organisationId" label={t("actions.assignOrganisation")} required options={[choose, ...options.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
              <TextField name="message" label={t("actions.assignMessage")} multiline />
            </ActionForm>
            {(
              [
                ["user", r.assigneeUserId, t("actions.unassignPerson", { name: data.assigneeName ?? "—" })],
                ["organisation", r.organisationId, t("actions.unassignOrganisation", { name: data.organisationName ?? "—" })],
              ] as const
            ).map(([remove, current, label]) =>
              current ? (
                <ActionForm key={remove} action={reportAction} intent="assign" reportId={id} submitLabel={label} testId={`unassign-${remove}`}>
                  <input type="hidden" name="target" value="none" />
                  <input type="hidden" name="remove" value={remove} />
                </ActionForm>
              ) : null,
            )}
            {triage ? (
              <ActionForm action={reportAction} intent="assign" reportId={id} submitLabel={t("actions.doAssign")} testId="assign-office">
                <input type="hidden" name="target" value="office" />
                <SelectField name="officeId" label={t("actions.assignOffice")} required options={[choose, ...options.offices.map((o) => ({ value: o.id, label: o.name }))]} />
              </ActionForm>
            ) : null}
          </div>
        </Panel>
      ) : null}

      {triage ? (
        <Panel title={t("actions.triage")} testId="action-triage">
          <ActionForm action={reportAction} intent="change_category" reportId={id} submitLabel={t("actions.doChangeCategory")}>
            <SelectField name="categoryId" label={t("actions.changeCategory")} defaultValue={r.categoryId} options={options.categories.map((c) => ({ value: c.id, label: c.name }))} />
          </ActionForm>
        </Panel>
      ) : null}

      {handle ? (
        <Panel title={t("actions.priority")} testId="action-priority">
          <ActionForm action={reportAction} intent="set_priority" reportId={id} submitLabel={t("actions.doSetPriority")}>
            <SelectField name="priority" label={t("actions.priority")} defaultValue={r.priority} options={REPORT_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} />
          </ActionForm>
        </Panel>
      ) : null}

      {handle ? (
        <Panel title={t("actions.movePin")} testId="action-move-pin">
          <ActionForm action={reportAction} intent="move_pin" reportId={id} submitLabel={t("actions.doMovePin")}>
            <PinPicker config={mapConfig()} start={{ lat: r.lat, lng: r.lng }} placed />
            <TextField name="address" label={t("actions.newAddress")} defaultValue={r.address ?? ""} />
          </ActionForm>
        </Panel>
      ) : null}

      {can(actor.role, "reports.moderate") ? (
        <Panel title={t("actions.moderate")} testId="action-moderate">
          <p className="mb-2 text-sm text-muted">{t("actions.moderateHint")}</p>
          <ActionForm action={reportAction} intent="moderate" reportId={id} submitLabel={t("actions.doModerate")}>
            <TextField name="publicTitle" label={t("actions.publicTitle")} defaultValue={r.publicTitle ?? ""} />
            <TextField name="publicDescription" label={t("actions.publicDescription")} defaultValue={r.publicDescription ?? ""} multiline />
            {data.files.length > 0 ? (
              <fieldset>
                <legend className="font-semibold">{t("actions.hidePhotos")}</legend>
                {data.files.map((f, i) => (
                  <CheckboxField key={f.id} name="hiddenAttachmentIds" value={f.id} defaultChecked={f.hidden} label={f.originalName ?? t("report.photoAlt", { n: String(i + 1), code: r.code })} />
                ))}
              </fieldset>
            ) : null}
            {data.events.some((e) => e.event.type === "comment") ? (
              <fieldset>
                <legend className="font-semibold">{t("actions.hideComments")}</legend>
                {data.events
                  .filter((e) => e.event.type === "comment")
                  .map((e) => (
                    <CheckboxField key={e.event.id} name="hiddenCommentIds" value={e.event.id} defaultChecked={e.event.hidden} label={(e.event.body ?? "").slice(0, 80)} />
                  ))}
              </fieldset>
            ) : null}
          </ActionForm>
        </Panel>
      ) : null}
    </section>
  );
}
