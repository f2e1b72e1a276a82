// The form customer documentation shows predates DSL 1.0.0: `catch` as a list of `error:`/`handle:`
// entries, `try: { do: [...] }`, and `call: function` with `with.function`/`with.arguments`. It is refused,
// with the same workflow rewritten in 1.0.0 offered next to the message (docs/workflows.md "Older form").
import { Document } from "yaml";
import { pointerOf, type Source } from "./source";

type Obj = Record<string, unknown>;
type Path = (string | number)[];
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

interface Found {
  path: Path;
  message: string;
}

const CATCH_MESSAGE =
  "This is the older form of try/catch (`catch` as a list of `error:`/`handle:`). DSL 1.0.0 writes `try: [tasks]` and `catch: { errors: { with: { type } }, as, do: [tasks] }`.";
const TRY_MESSAGE = "This is the older form of `try` (`try: { do: [...] }`). DSL 1.0.0 writes `try: [tasks]`.";

function convertList(list: unknown, path: Path, found: Found[]): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item, i) =>
    isObj(item) ? Object.fromEntries(Object.entries(item).map(([name, task]) => [name, convertTask(task, [...path, i, name], found)])) : item,
  );
}

function convertHandler(entry: Obj, path: Path, found: Found[]): Obj {
  const handler: Obj = {};
  if (entry.error !== undefined) handler.errors = { with: { type: entry.error } };
  if (entry.as !== undefined) handler.as = entry.as;
  if (entry.when !== undefined) handler.when = entry.when;
  if (entry.handle !== undefined) handler.do = convertList(entry.handle, [...path, "handle"], found);
  return handler;
}

function convertTask(task: unknown, path: Path, found: Found[]): unknown {
  if (!isObj(task)) return task;
  const out: Obj = { ...task };
  if (isObj(task.try) && Array.isArray(task.try.do)) {
    found.push({ path: [...path, "try"], message: TRY_MESSAGE });
    out.try = convertList(task.try.do, [...path, "try", "do"], found);
  } else if (task.try !== undefined) out.try = convertList(task.try, [...path, "try"], found);
  if (Array.isArray(task.catch) && task.catch.every(isObj)) {
    found.push({ path: [...path, "catch"], message: CATCH_MESSAGE });
    const handlers = task.catch.map((c, j) => convertHandler(c as Obj, [...path, "catch", j], found));
    out.catch = handlers[0];
    // 1.0.0 has one catch per try: each further handler wraps the previous try/catch in another.
    for (let j = 1; j < handlers.length; j++) {
      const { try: t, catch: c } = out;
      out.try = [{ [`attempt${j}`]: { try: t, catch: c } }];
      out.catch = handlers[j];
    }
  } else if (isObj(task.catch) && task.catch.do !== undefined) {
    out.catch = { ...task.catch, do: convertList(task.catch.do, [...path, "catch", "do"], found) };
  }
  if (task.call === "function" && isObj(task.with) && typeof task.with.function === "string") {
    found.push({
      path: [...path, "with", "function"],
      message: `This is the older form of a function call (\`call: function\` with \`with.function\`). DSL 1.0.0 writes \`call: ${task.with.function}\` with the arguments under \`with\`.`,
    });
    out.call = task.with.function;
    out.with = task.with.arguments ?? {};
  }
  if (task.do !== undefined) out.do = convertList(task.do, [...path, "do"], found);
  if (isObj(task.fork) && task.fork.branches !== undefined)
    out.fork = { ...task.fork, branches: convertList(task.fork.branches, [...path, "fork", "branches"], found) };
  return out;
}

/** Adds a problem for each older-form construct and returns the converted text, or null when there is none. */
export function detectOlderForm(source: Source): string | null {
  const root = source.value;
  if (!isObj(root)) return null;
  const found: Found[] = [];
  const converted = { ...root, do: convertList(root.do, ["do"], found) };
  if (found.length === 0) return null;
  for (const f of found) source.at(pointerOf(f.path), "error", `${f.message} The converted workflow is offered with this message.`);
  const doc = new Document(converted);
  return doc.toString({ lineWidth: 0 });
}
