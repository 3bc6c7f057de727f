/** A small server-rendered bar chart (SVG) of reports per month, with the figures also as a table for screen readers. */
export function UsageChart({ points, label }: { points: { month: string; reports: number; staff: number }[]; label: string }) {
  const max = Math.max(1, ...points.map((p) => p.reports));
  const w = 36;
  return (
    <figure className="mt-2">
      <svg viewBox={`0 0 ${points.length * w} 130`} className="h-40 w-full max-w-3xl" role="img" aria-label={label}>
        {points.map((p, i) => {
          const h = Math.round((p.reports / max) * 100);
          return (
            <g key={p.month}>
              <rect x={i * w + 6} y={110 - h} width={w - 12} height={h} fill="#0b5394" />
              <text x={i * w + w / 2} y={125} fontSize="9" textAnchor="middle" fill="#1f1f1f">{p.month.slice(2)}</text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>{points.map((p) => <tr key={p.month}><th scope="row">{p.month}</th><td>{p.reports}</td><td>{p.staff}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
