// The next 90 days of expiries, scheduled deletions and rotations as one SVG line (docs/rotation.md). Rendered
// on the server inside a Suspense boundary: it streams after the table and ships no JavaScript.
import type { SecretHealthRow } from "@/lib/views/secret-health";

const DAYS = 90;
const W = 900;
const H = 120;
const PAD = 24;

interface Mark {
  at: number;
  kind: "danger" | "warning" | "rotation";
  label: string;
}

export function marksOf(rows: readonly SecretHealthRow[], now: number): Mark[] {
  const end = now + DAYS * 86_400_000;
  const marks: Mark[] = [];
  const push = (iso: string | undefined, kind: Mark["kind"], what: string, row: SecretHealthRow) => {
    const at = iso ? Date.parse(iso) : Number.NaN;
    if (at >= now && at <= end) marks.push({ at, kind, label: `${row.reference}: ${what} ${iso!.slice(0, 10)}` });
  };
  for (const row of rows) {
    push(row.metadata?.expiresAt, "danger", "expires", row);
    if (!row.metadata?.destroyed) push(row.metadata?.deletionAt, "danger", "deleted", row);
    push(row.metadata?.nextRotationAt, "rotation", "rotates", row);
  }
  return marks.sort((a, b) => a.at - b.at);
}

export function HealthTimeline({ rows, now }: { rows: readonly SecretHealthRow[]; now: number }) {
  const marks = marksOf(rows, now);
  const x = (at: number) => PAD + ((at - now) / (DAYS * 86_400_000)) * (W - 2 * PAD);
  return (
    <figure style={{ margin: 0 }}>
      <svg className="health-timeline" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="timeline-title">
        <title id="timeline-title">
          {marks.length === 0
            ? "No expiries, deletions or rotations in the next 90 days"
            : `${marks.length} expiries, deletions and rotations in the next 90 days`}
        </title>
        <line x1={PAD} x2={W - PAD} y1={H / 2} y2={H / 2} stroke="currentColor" strokeOpacity={0.3} />
        {[0, 30, 60, 90].map((d) => (
          <text key={d} x={x(now + d * 86_400_000)} y={H - 6} fontSize={11} textAnchor="middle" fill="currentColor" fillOpacity={0.6}>
            {d === 0 ? "today" : `+${d} d`}
          </text>
        ))}
        {marks.map((m) => (
          <circle key={`${m.label}-${m.kind}-${m.at}`} className={m.kind} cx={x(m.at)} cy={H / 2 + (m.kind === "rotation" ? 14 : -14)} r={5}>
            <title>{m.label}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="small muted">Red: expiry or deletion · green: scheduled rotation. Hover a dot for the secret.</figcaption>
    </figure>
  );
}
