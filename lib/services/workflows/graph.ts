import "server-only";
// The shape of a workflow for its drawing: the top-level tasks in order, what kind each is, and where a
// `then` sends the flow. Nested lists (try, for, fork, do) are summarised by their child count.
import { validate } from "@/lib/workflows";

export interface GraphNode {
  name: string;
  kind: string;
  /** Children of a nested task list (do/try/for/fork). */
  children: number;
  /** A flow directive other than the next task: continue, exit, end, or a task name. */
  then: string | null;
}

const KINDS = ["call", "set", "do", "try", "raise", "switch", "for", "wait", "fork"] as const;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function childCount(task: Obj): number {
  const lists = [task.do, isObj(task.try) ? undefined : task.try, isObj(task.fork) ? (task.fork as Obj).branches : undefined];
  return lists.reduce<number>((n, l) => n + (Array.isArray(l) ? l.length : 0), 0);
}

export function workflowGraph(source: string): GraphNode[] {
  const { workflow } = validate(source);
  if (!workflow || !Array.isArray(workflow.do)) return [];
  return (workflow.do as unknown[]).flatMap((item) => {
    if (!isObj(item)) return [];
    const [name, task] = Object.entries(item)[0] ?? [];
    if (!name || !isObj(task)) return [];
    const kind = KINDS.find((k) => k in task) ?? "task";
    const label = kind === "call" ? `call ${String(task.call)}` : kind;
    return [{ name, kind: label, children: childCount(task), then: typeof task.then === "string" ? task.then : null }];
  });
}
