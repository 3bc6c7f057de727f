import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reportFollowers } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { enqueue } from "@/lib/outbox/enqueue";
import { ratingUrl, reportUrl, unsubscribeUrl } from "./links";

export type FollowerNotice = {
  /** Template in messages/<locale>/emails.json: reportAcknowledged, reportReply, reportClosed, reportReopened. */
  template: "reportAcknowledged" | "reportReply" | "reportClosed" | "reportReopened";
  values: Record<string, string | number>;
  /** Public text to quote (a public reply). Never pass internal notes here. */
  quote?: string;
  /** Distinguishes repeated notices of the same kind (e.g. the event id) for outbox deduplication. */
  eventId: string;
};

/**
 * Emails every confirmed, still-subscribed follower of a report (the reporter included), in the caller's
 * transaction. Only for PUBLIC steps: callers must never notify internal notes or assignments. When the
 * report is closed, the reporter's email carries the satisfaction link.
 */
export async function notifyFollowers(
  tx: Tx,
  tenant: TenantRef,
  report: { id: string; code: string; isPublic: boolean },
  notice: FollowerNotice,
): Promise<number> {
  const followers = await tx
    .select()
    .from(reportFollowers)
    .where(
      and(
        eq(reportFollowers.tenantId, tenant.id),
        eq(reportFollowers.reportId, report.id),
        isNotNull(reportFollowers.confirmedAt),
        isNull(reportFollowers.unsubscribedAt),
      ),
    );
  const brand = { tenantName: `Comune di ${tenant.name}`, primaryColor: tenant.primaryColor };
  for (const follower of followers) {
    // Private reports are visible to their reporter only: other followers cannot exist for them.
    if (!report.isPublic && !follower.isReporter) continue;
    const rate = notice.template === "reportClosed" && follower.isReporter;
    await enqueue(
      tx,
      tenant.id,
      {
        kind: "email",
        tenantSlug: tenant.slug,
        message: {
          template: notice.template,
          to: follower.email,
          brand,
          values: { code: report.code, ...notice.values },
          quote: notice.quote,
          action: {
            url: rate ? ratingUrl(tenant.slug, report.code, report.id) : reportUrl(tenant.slug, report.code, report),
            // A dotted key is taken as namespaced by renderEmail: name the namespace.
            labelKey: rate ? undefined : "emails.reportAcknowledged.action",
          },
          secondaryUrl: { url: unsubscribeUrl(tenant.slug, follower.id), labelKey: "unsubscribe" },
        },
      },
      `${notice.template}:${notice.eventId}:${follower.id}`,
    );
  }
  return followers.length;
}
