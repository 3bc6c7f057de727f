type Point = { month: string; reports: number; staff: number; storageBytes: number };
type Series = { key: "reports" | "staff" | "storageBytes"; label: string; color: string; format?: (n: number) => string };

/** One server-rendered bar chart (SVG) of a series over the months, with its values printed above the bars. */
function Bars({ points, series }: { points: Point[]; series: Series }) {
  const values = points.map((p) => p[series.key]);
  const max = Math.max(1, ...values);
  const w = 40;
  const show = series.format ?? String;
  return (
    <figure className="mt-2">
      <figcaption className="font-semibold">{series.label}</figcaption>
      <svg viewBox={`0 0 ${points.length * w} 140`} className="h-40 w-full max-w-3xl" role="img" aria-label={series.label} data-testid={`usage-${series.key}`}>
        {points.map((p, i) => {
          const h = Math.round((p[series.key] / max) * 100);
          return (
            <g key={p.month}>
              <rect x={i * w + 6} y={118 - h} width={w - 12} height={h} fill={series.color} />
              <text x={i * w + w / 2} y={114 - h} fontSize="8" textAnchor="middle" fill="#1f1f1f">{show(p[series.key])}</text>
              <text x={i * w + w / 2} y={133} fontSize="9" textAnchor="middle" fill="#1f1f1f">{p.month.slice(2)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * Usage over the last months: reports per month, staff accounts and storage used, as bar charts plus one table
 * with every figure (what screen readers read). `note` says how staff and storage are reconstructed.
 */
export function UsageChart({
  points,
  labels,
}: {
  points: Point[];
  labels: { reports: string; staff: string; storage: string; month: string; note: string };
}) {
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const series: Series[] = [
    { key: "reports", label: labels.reports, color: "#0b5394" },
    { key: "staff", label: labels.staff, color: "#38761d" },
    { key: "storageBytes", label: labels.storage, color: "#7f3f00", format: mb },
  ];
  return (
    <div>
      <div className="grid gap-4 lg:grid-cols-3">
        {series.map((s) => <Bars key={s.key} points={points} series={s} />)}
      </div>
      <p className="mt-2 text-sm">{labels.note}</p>
      <table className="sr-only">
        <caption>{labels.reports}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.month}</th>
            <th scope="col">{labels.reports}</th>
            <th scope="col">{labels.staff}</th>
            <th scope="col">{labels.storage}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.month}>
              <th scope="row">{p.month}</th>
              <td>{p.reports}</td>
              <td>{p.staff}</td>
              <td>{mb(p.storageBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
