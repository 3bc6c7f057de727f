export { OPEN_STATUSES, REPORT_STATUSES, type ReportStatus } from "@/db/schema/reports";

/** Open311 and the public map only know open/closed; "closed" is never shown as "fixed". */
export function isOpenStatus(status: string): boolean {
  return status === "new" || status === "acknowledged" || status === "in_progress";
}
