// Every task of a definition with its JSON pointer, wherever tasks nest (do, try, catch.do, for.do, fork).
import type { TaskDef } from "../types";
import { pointerOf } from "./source";

export interface TaskAt {
  pointer: string;
  name: string;
  task: TaskDef;
  /** Names of the tasks in the same list, for `then: <task>`. */
  siblings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function walkList(list: unknown, path: (string | number)[], out: TaskAt[]): void {
  if (!Array.isArray(list)) return;
  const siblings = list.flatMap((item) => (isObj(item) ? Object.keys(item) : []));
  list.forEach((item, i) => {
    if (!isObj(item)) return;
    for (const [name, task] of Object.entries(item)) {
      if (!isObj(task)) continue;
      const here = [...path, i, name];
      out.push({ pointer: pointerOf(here), name, task, siblings });
      walkList(task.do, [...here, "do"], out);
      walkList(task.try, [...here, "try"], out);
      if (isObj(task.catch)) walkList(task.catch.do, [...here, "catch", "do"], out);
      if (isObj(task.fork)) walkList(task.fork.branches, [...here, "fork", "branches"], out);
    }
  });
}

export function walkTasks(root: Obj): TaskAt[] {
  const out: TaskAt[] = [];
  walkList(root.do, ["do"], out);
  return out;
}

/** Every string value under `value`, with its pointer. */
export function* strings(value: unknown, path: (string | number)[] = []): Generator<{ pointer: string; text: string }> {
  if (typeof value === "string") yield { pointer: pointerOf(path), text: value };
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}
