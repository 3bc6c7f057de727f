/**
 * Reports received and closed per week as plain SVG bars (no chart library). Decorative for screen readers:
 * the same figures are in the table next to it, which is the accessible version.
 */
export function WeekChart({ weeks, labels }: { weeks: { week: string; received: number; closed: number }[]; labels: { received: string; closed: string } }) {
  const max = Math.max(1, ...weeks.map((w) => w.received));
  const barWidth = 24;
  const gap = 10;
  const height = 120;
  const width = weeks.length * (barWidth + gap);
  return (
    <figure className="space-y-2" aria-hidden="true">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-32 w-full max-w-2xl" preserveAspectRatio="none" role="presentation">
        {weeks.map((w, i) => {
          const x = i * (barWidth + gap);
          const received = (w.received / max) * (height - 4);
          const closed = (w.closed / max) * (height - 4);
          return (
            <g key={w.week}>
              <rect x={x} y={height - received} width={barWidth} height={received} className="fill-gray-400" />
              <rect x={x + 4} y={height - closed} width={barWidth - 8} height={closed} className="fill-brand" />
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-sm">
        <span className="inline-flex items-center gap-1"><span className="inline-block h-3 w-3 bg-gray-400" />{labels.received}</span>
        <span className="inline-flex items-center gap-1"><span className="inline-block h-3 w-3 bg-brand" />{labels.closed}</span>
      </figcaption>
    </figure>
  );
}
