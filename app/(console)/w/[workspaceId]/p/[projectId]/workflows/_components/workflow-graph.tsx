import type { GraphNode } from "@/lib/services/workflows/graph";

const W = 260;
const H = 44;
const GAP = 28;

/** The top-level tasks as boxes in order, arrows between them; a `then` other than the next task is noted. No JS. */
export function WorkflowGraph({ nodes }: { nodes: GraphNode[] }) {
  if (nodes.length === 0) return null;
  const height = nodes.length * (H + GAP) + GAP;
  return (
    <svg
      width={W + 20}
      height={height}
      viewBox={`0 0 ${W + 20} ${height}`}
      role="img"
      aria-label={`Workflow graph: ${nodes.map((n) => n.name).join(", then ")}`}
    >
      <defs>
        <marker id="wf-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
        </marker>
      </defs>
      {nodes.map((n, i) => {
        const y = GAP / 2 + i * (H + GAP);
        return (
          <g key={n.name}>
            <rect x={10} y={y} width={W} height={H} rx={6} fill="none" stroke="currentColor" />
            <text x={20} y={y + 18} fontSize={13} fontWeight={600} fill="currentColor">
              {n.name}
            </text>
            <text x={20} y={y + 35} fontSize={11} fill="currentColor" opacity={0.7}>
              {n.kind}
              {n.children ? ` · ${n.children} inner tasks` : ""}
              {n.then ? ` · then ${n.then}` : ""}
            </text>
            {i < nodes.length - 1 && <line x1={10 + W / 2} y1={y + H} x2={10 + W / 2} y2={y + H + GAP - 4} stroke="currentColor" markerEnd="url(#wf-arrow)" />}
          </g>
        );
      })}
    </svg>
  );
}
