import type { ReportStatus } from "./statuses";

/**
 * The report lifecycle as a pure state machine (ARCHITECTURE.md, "Report lifecycle"): which workflow
 * actions each state allows and where they lead. Verbs check it before writing; the handling page shows
 * only the buttons it allows.
 */
export const WORKFLOW_ACTIONS = [
  "acknowledge",
  "start",
  "resolve",
  "close_not_competent",
  "reject",
  "mark_duplicate",
  "reopen",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

const OPEN: readonly ReportStatus[] = ["new", "acknowledged", "in_progress"];
const CLOSED: readonly ReportStatus[] = ["resolved", "not_competent", "rejected", "duplicate"];

const RULES: Record<WorkflowAction, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  acknowledge: { from: ["new"], to: "acknowledged" },
  start: { from: ["new", "acknowledged"], to: "in_progress" },
  resolve: { from: OPEN, to: "resolved" },
  close_not_competent: { from: OPEN, to: "not_competent" },
  reject: { from: OPEN, to: "rejected" },
  mark_duplicate: { from: OPEN, to: "duplicate" },
  // A reopened report was already seen by the office: it goes back to "presa in carico", not to the queue of new ones.
  reopen: { from: CLOSED, to: "acknowledged" },
};

export function allowedActions(status: ReportStatus): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => RULES[action].from.includes(status));
}

/** The state an action leads to from `status`, or null when the lifecycle does not allow it. */
export function nextStatus(status: ReportStatus, action: WorkflowAction): ReportStatus | null {
  const rule = RULES[action];
  return rule.from.includes(status) ? rule.to : null;
}

export function isClosedStatus(status: ReportStatus): boolean {
  return CLOSED.includes(status);
}
