/**
 * Segment shell so that app/t/[tenant]/not-found.tsx becomes the boundary for a comune that does not
 * exist (thrown by the (public) and (backoffice) layouts, which load the tenant).
 */
export default function TenantSegmentLayout({ children }: { children: React.ReactNode }) {
  return children;
}
