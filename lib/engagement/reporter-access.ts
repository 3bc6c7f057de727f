import type { Actor } from "@/lib/context";
import { verifyLinkToken } from "@/lib/reports/links";

type LinkPurpose = "rate" | "add-info";

/**
 * Guards the reporter-only actions (rate the outcome, add information): allowed with the emailed token
 * bound to this report and purpose, or for the signed-in citizen who filed it (linked to their account, or
 * filed with their address — the same ownership "le mie segnalazioni" uses). Everyone else is refused.
 */
export function isReporterOf(
  actor: Actor,
  report: { id: string; reporterUserId: string | null; reporterEmail: string | null },
  purpose: LinkPurpose,
  token: string | null | undefined,
): boolean {
  if (token && verifyLinkToken(purpose, report.id, token)) return true;
  if (actor.kind !== "citizen") return false;
  if (report.reporterUserId && report.reporterUserId === actor.userId) return true;
  return Boolean(report.reporterEmail) && report.reporterEmail!.toLowerCase() === actor.email.toLowerCase();
}
