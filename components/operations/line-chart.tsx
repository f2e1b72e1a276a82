// A small server-rendered SVG line chart (docs/operations.md "Operations page"): no client JavaScript, no
// chart library. Readable without colour: every line has its own dash pattern and marker shape, named in the
// legend and at the line's last point, and the numbers are one click away in a table.
import type { Chart } from "@/lib/views/operations";

const W = 640;
const H = 180;
const PAD = { left: 44, right: 96, top: 10, bottom: 22 };
const DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "12 6"];
const SHAPES = ["circle", "square", "triangle", "diamond", "cross", "bar"] as const;
const COLOURS = ["#175cd3", "#c4320a", "#027a48", "#6941c6", "#b54708", "#344054"];

function marker(shape: (typeof SHAPES)[number], x: number, y: number, colour: string, key: string) {
  const s = 3.5;
  if (shape === "circle") return <circle key={key} cx={x} cy={y} r={s} fill={colour} />;
  if (shape === "square") return <rect key={key} x={x - s} y={y - s} width={2 * s} height={2 * s} fill={colour} />;
  if (shape === "triangle") return <polygon key={key} points={`${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}`} fill={colour} />;
  if (shape === "diamond") return <polygon key={key} points={`${x},${y - s} ${x + s},${y} ${x},${y + s} ${x - s},${y}`} fill={colour} />;
  if (shape === "cross")
    return <path key={key} d={`M${x - s} ${y - s}L${x + s} ${y + s}M${x + s} ${y - s}L${x - s} ${y + s}`} stroke={colour} strokeWidth={2} />;
  return <rect key={key} x={x - 1.5} y={y - s} width={3} height={2 * s} fill={colour} />;
}

export function LineChart({ chart, buckets, bucketLabel }: { chart: Chart; buckets: number[]; bucketLabel: (t: number) => string }) {
  const values = chart.lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  const max = Math.max(chart.unit === "%" ? 100 : 1, ...values);
  const x = (i: number) => PAD.left + (i / Math.max(1, buckets.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const titleId = `chart-${chart.id}-title`;
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  return (
    <figure className="card chart" data-testid={`chart-${chart.id}`} style={{ margin: 0 }}>
      <figcaption className="card-header">
        <h2 id={titleId} style={{ fontSize: 15 }}>
          {chart.title} <span className="muted small">({chart.unit})</span>
        </h2>
        <a className="small" href={chart.auditHref}>
          Audit log for this
        </a>
      </figcaption>
      {chart.lines.length === 0 ? (
        <p className="muted small">No data in this window.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} style={{ width: "100%", height: "auto" }}>
          <title>{`${chart.title}: ${chart.lines.map((l) => l.label).join(", ")}`}</title>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#98a2b3" />
          <line x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} stroke="#eaecf0" />
          <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" fontSize="10" fill="#475467">
            {formatNumber(max)}
          </text>
          <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" fontSize="10" fill="#475467">
            0
          </text>
          <text x={PAD.left} y={H - 6} fontSize="10" fill="#475467">
            {bucketLabel(buckets[0] ?? 0)}
          </text>
          <text x={W - PAD.right} y={H - 6} fontSize="10" fill="#475467" textAnchor="end">
            {bucketLabel(buckets.at(-1) ?? 0)}
          </text>
          {chart.lines.map((line, li) => {
            const colour = COLOURS[li % COLOURS.length]!;
            const shape = SHAPES[li % SHAPES.length]!;
            const pts = line.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
            const d = pts.map((p, i) => (p ? `${i > 0 && pts[i - 1] ? "L" : "M"}${p[0].toFixed(1)} ${p[1].toFixed(1)}` : "")).join("");
            const lastIndex = pts.findLastIndex((p) => p !== null);
            return (
              <g key={line.label}>
                <path d={d} fill="none" stroke={colour} strokeWidth={1.8} strokeDasharray={DASHES[li % DASHES.length]} />
                {pts.map((p, i) => (p && (i % every === 0 || i === lastIndex || pts[i - 1] === null) ? marker(shape, p[0], p[1], colour, `${li}-${i}`) : null))}
              </g>
            );
          })}
          {endLabels(chart, y).map((l) => (
            <text key={l.label} x={W - PAD.right + 6} y={l.y + 4} fontSize="10" fill="#101828">
              {l.label}
            </text>
          ))}
        </svg>
      )}
      {chart.lines.length > 0 && <Legend chart={chart} />}
      {chart.totals && chart.totals.length > 0 && <Totals totals={chart.totals} />}
    </figure>
  );
}

/** Each line's name at the height of its last value, moved apart so two lines ending together stay readable. */
function endLabels(chart: Chart, y: (v: number) => number): Array<{ label: string; y: number }> {
  const labels = chart.lines
    .map((line) => ({ label: line.label, last: line.values.findLast((v) => v !== null) }))
    .filter((l): l is { label: string; last: number } => l.last !== undefined && l.last !== null)
    .map((l) => ({ label: l.label, y: y(l.last) }))
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 11);
  return labels;
}

function Legend({ chart }: { chart: Chart }) {
  return (
    <ul className="chart-legend small" aria-label={`${chart.title} legend`}>
      {chart.lines.map((line, li) => (
        <li key={line.label}>
          <svg width="34" height="10" aria-hidden="true" focusable="false">
            <title>{line.label}</title>
            <line x1="0" x2="34" y1="5" y2="5" stroke={COLOURS[li % COLOURS.length]} strokeWidth="2" strokeDasharray={DASHES[li % DASHES.length]} />
            {marker(SHAPES[li % SHAPES.length]!, 17, 5, COLOURS[li % COLOURS.length]!, "m")}
          </svg>{" "}
          {line.label}
        </li>
      ))}
    </ul>
  );
}

function Totals({ totals }: { totals: NonNullable<Chart["totals"]> }) {
  return (
    <details className="small">
      <summary>Totals in this window</summary>
      <table className="table">
        <tbody>
          {totals.map((t) => (
            <tr key={t.label}>
              <th scope="row">{t.label}</th>
              <td>{formatNumber(t.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
