import type { EmailMessage } from "@/lib/email/render";

/** What the outbox can hold: one job, or several enqueued together by one change. */
export type OutboxJob = SingleJob | BatchJob;

/**
 * The jobs one change enqueues together, as ONE outbox row: a report filed sends its receipt and tells
 * its office and its organisation — one row, one set of index entries, instead of up to three. Delivered
 * in order, each under its own idempotency key (`<row key>:<name>`); `done` names those already sent, so a
 * retry after a partial failure sends only the rest.
 */
export type BatchJob = { kind: "batch"; jobs: { name: string; job: SingleJob }[]; done?: string[] };

/**
 * One job. `email` is fully resolved at enqueue time; `office_new_report` resolves its recipients (office
 * address + the office's staff) when delivered, through the platform users table.
 */
export type SingleJob =
  | { kind: "email"; tenantSlug: string | null; message: EmailMessage }
  | {
      kind: "office_new_report";
      tenantSlug: string;
      officeId: string;
      message: Omit<EmailMessage, "to">;
    }
  | {
      /**
       * A report sent to an external organisation — assigned by staff, routed to it by its category, or
       * forwarded as not competent: its address and its users, resolved at delivery.
       */
      kind: "organisation_assigned";
      tenantSlug: string;
      tenantId: string;
      organisationId: string;
      message: Omit<EmailMessage, "to">;
    }
  | {
      /** A report assigned to a staff member: their address, resolved at delivery (only while still staff). */
      kind: "staff_assigned";
      tenantSlug: string;
      tenantId: string;
      userId: string;
      message: Omit<EmailMessage, "to">;
    };
