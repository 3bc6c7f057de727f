"use client";

import { useContext, useId, useState } from "react";
import { FieldErrors, FormContext, buttonClass, fieldClass, useField } from "./action-form";

/** `suggested`: written for the state the step leads to (listed first, in their own group). */
export type ReplyTemplate = { id: string; title: string; body: string; suggested?: boolean };

type Labels = {
  template: string;
  noTemplate: string;
  body: string;
  /** "{title}" is replaced with the template's title. */
  applied: string;
  /** "{title}" is replaced with the template's title. */
  confirmReplace: string;
  replace: string;
  keep: string;
  kept: string;
  suggested?: string;
  other?: string;
};

/** `name`: the form field of the text ("body" for replies, "message"/"reason" for workflow steps). */
type Props = { templates: ReplyTemplate[]; labels: Labels; name?: string };

/**
 * The saved-reply picker and the reply's text box. Choosing a saved reply puts its text in the box, to be
 * edited before sending; if the operator already wrote something of their own, it is replaced only after
 * they confirm (a non-modal question under the box, so arrowing through the list never steals focus).
 * Every change is announced politely. Without JavaScript the form still posts templateId with an empty
 * box and the server uses the saved text.
 */
export function ReplyTemplateFields(props: Props) {
  const state = useContext(FormContext);
  // After a successful reply the form starts over (fresh state); after an error it keeps what was sent.
  return <Fields key={state.ok && state.at ? state.at : "editing"} {...props} />;
}

function Fields({ templates, labels, name = "body" }: Props) {
  const templateField = useField("templateId", "");
  const bodyField = useField(name, "");
  const id = useId();
  const [templateId, setTemplateId] = useState(templateField.value ?? "");
  const [body, setBody] = useState(bodyField.value ?? "");
  /** The text last put in the box from a template: if the box still holds it, switching is silent. */
  const [inserted, setInserted] = useState<string | null>(null);
  const [pending, setPending] = useState<ReplyTemplate | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const fill = (template: ReplyTemplate) => {
    setTemplateId(template.id);
    setBody(template.body);
    setInserted(template.body);
    setPending(null);
    setAnnouncement(labels.applied.replace("{title}", template.title));
  };

  const choose = (value: string) => {
    const template = templates.find((tp) => tp.id === value);
    if (!template) {
      // "None": the operator writes their own text; whatever is in the box stays.
      setTemplateId("");
      setPending(null);
      setAnnouncement("");
      return;
    }
    const own = body.trim() !== "" && body !== inserted;
    if (own) {
      setPending(template);
      setAnnouncement(labels.confirmReplace.replace("{title}", template.title));
    } else {
      fill(template);
    }
  };

  const keep = () => {
    setPending(null);
    setAnnouncement(labels.kept);
  };

  const suggested = templates.filter((tp) => tp.suggested);
  const rest = templates.filter((tp) => !tp.suggested);
  // Groups only when both exist; a flat list otherwise.
  const groups =
    suggested.length && rest.length && labels.suggested && labels.other
      ? [
          { label: labels.suggested, items: suggested },
          { label: labels.other, items: rest },
        ]
      : [{ label: "", items: templates }];
  const option = (tp: ReplyTemplate) => (
    <option key={tp.id} value={tp.id}>
      {tp.title}
    </option>
  );

  const bodyDescribedBy = [pending ? `${id}-confirm` : null, bodyField.errors ? `${id}-body-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <>
      <div>
        <label htmlFor={`${id}-template`} className="block font-semibold">
          {labels.template}
        </label>
        <select
          id={`${id}-template`}
          name="templateId"
          value={pending ? pending.id : templateId}
          onChange={(e) => choose(e.target.value)}
          aria-invalid={templateField.errors ? true : undefined}
          aria-describedby={templateField.errors ? `${id}-template-error` : undefined}
          className={fieldClass}
          data-testid="reply-template"
        >
          <option value="">{labels.noTemplate}</option>
          {groups.map((group) =>
            group.label ? (
              <optgroup key={group.label} label={group.label}>
                {group.items.map(option)}
              </optgroup>
            ) : (
              group.items.map(option)
            ),
          )}
        </select>
        <FieldErrors id={`${id}-template-error`} errors={templateField.errors} />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className="block font-semibold">
          {labels.body}
        </label>
        <textarea
          id={`${id}-body`}
          name={name}
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={bodyField.errors ? true : undefined}
          aria-describedby={bodyDescribedBy}
          className={fieldClass}
        />
        <FieldErrors id={`${id}-body-error`} errors={bodyField.errors} />
      </div>
      {pending ? (
        <div role="group" aria-labelledby={`${id}-confirm`} className="rounded border border-amber-700 bg-amber-50 p-3" data-testid="reply-template-confirm">
          <p id={`${id}-confirm`} className="font-semibold">
            {labels.confirmReplace.replace("{title}", pending.title)}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={buttonClass} onClick={() => fill(pending)}>
              {labels.replace}
            </button>
            <button type="button" className="inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold" onClick={keep}>
              {labels.keep}
            </button>
          </div>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="sr-only" data-testid="reply-template-status">
        {announcement}
      </p>
    </>
  );
}
