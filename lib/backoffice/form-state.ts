/**
 * What back-office forms get back from their server action (ActionResult plus what the person typed, so a
 * form that failed validation shows it again). Messages are already localized.
 */
export type FormState = {
  ok: boolean;
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** Changes on every submission, so the same message is announced again. */
  at?: number;
};

export const INITIAL_FORM_STATE: FormState = { ok: false };
