// The definition text as YAML (JSON is YAML too), kept with its positions so every problem can say where it is.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { ValidationProblem } from "../types";

export interface Source {
  doc: Document;
  value: unknown;
  problems: ValidationProblem[];
  at(pointer: string, severity: ValidationProblem["severity"], message: string): ValidationProblem;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export const pointerOf = (segments: readonly (string | number)[]) =>
  segments.length === 0 ? "" : `/${segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/** The node at `pointer`, or its nearest existing ancestor. For a map entry, the key's position is more useful. */
function offsetOf(doc: Document, pointer: string): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const seg of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

export function readSource(text: string): Source {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ValidationProblem[] = [];
  const at = (pointer: string, severity: ValidationProblem["severity"], message: string) => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, pointer));
    const problem = { severity, message, pointer, line, column: col };
    problems.push(problem);
    return problem;
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    problems.push({ severity: doc.errors.includes(e) ? "error" : "warning", message: e.message.split("\n")[0]!, pointer: "", line, column: col });
  }
  const value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : null;
  return { doc, value, problems, at };
}
