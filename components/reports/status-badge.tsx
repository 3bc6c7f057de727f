import type { ReportStatus } from "@/lib/reports/statuses";

// Text colours on white meet WCAG AA (≥ 4.5:1); the state is always spelled out, never colour alone.
const STYLES: Record<ReportStatus, string> = {
  new: "border-status-new text-status-new",
  acknowledged: "border-status-acknowledged text-status-acknowledged",
  in_progress: "border-status-in_progress text-status-in_progress",
  resolved: "border-status-resolved text-status-resolved",
  not_competent: "border-status-closed text-status-closed",
  rejected: "border-status-closed text-status-closed",
  duplicate: "border-status-closed text-status-closed",
};

export function StatusBadge({ status, label }: { status: ReportStatus; label: string }) {
  return (
    <span className={`inline-block rounded-full border-2 bg-white px-3 py-0.5 text-sm font-semibold ${STYLES[status]}`}>
      {label}
    </span>
  );
}
