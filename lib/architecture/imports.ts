// Finds every module a TypeScript source file depends on, in every syntax that creates a dependency: static
// imports (type-only too), re-exports, side-effect imports, dynamic import() and require(). A small lexer
// first blanks comments and string contents, so an import written inside a string or a comment is not
// mistaken for one, and a regex literal full of quotes does not confuse it. No parser dependency: TypeScript 7
// ships no JavaScript API.
import { posix } from "node:path";

export type ImportKind = "import" | "export-from" | "side-effect" | "dynamic" | "require";

export interface ImportSite {
  kind: ImportKind;
  /** The module text as written; null for a dynamic import() or require() of a computed name. */
  specifier: string | null;
  typeOnly: boolean;
  line: number;
}

/** The source with comments and the insides of string, template and regex literals replaced by spaces. */
export function maskSource(source: string): string {
  const out = source.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  let i = 0;
  let lastSignificant = "";
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      const stop = literalEnd(source, i, c);
      blank(i + 1, stop - 1);
      lastSignificant = c;
      i = stop;
    } else if (c === "/" && startsRegex(source, i, lastSignificant)) {
      const stop = regexEnd(source, i);
      blank(i + 1, stop - 1);
      lastSignificant = "/";
      i = stop;
    } else {
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return out.join("");
}

/** Index just after the closing quote of the literal opening at `start` (template `${}` parts stay inside). */
function literalEnd(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (c === "\n" && quote !== "`") return i;
    else i++;
  }
  return source.length;
}

/** A slash starts a regex literal where an expression may begin (after an operator or a keyword like return). */
function startsRegex(source: string, at: number, lastSignificant: string): boolean {
  if (lastSignificant === "" || "(,=:[!&|?{};+-*%<>~^".includes(lastSignificant)) return true;
  const before = source.slice(Math.max(0, at - 10), at);
  return /\b(return|typeof|case|in|of|void|throw)\s*$/.test(before);
}

function regexEnd(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (c === "\n") return i;
    else if (c === "[") {
      inClass = true;
      i++;
    } else if (c === "]") {
      inClass = false;
      i++;
    } else if (c === "/" && !inClass) return i + 1;
    else i++;
  }
  return source.length;
}

// Statement forms on the masked text; the specifier (group `spec`) is read back from the original at the
// same offsets, which the `d` flag reports.
const STATIC = /(?<![\w$.])(?<verb>import|export)(?<type>\s+type)?\s+(?<clause>[\w$*{}\s,]+?)\s*from\s*(?<q>["'])(?<spec>\s*)\k<q>/dg;
const SIDE_EFFECT = /(?<![\w$.])import\s*(?<q>["'])(?<spec>\s*)\k<q>/dg;
const CALL = /(?<![\w$.])(?<verb>import|require)\s*\(\s*(?:(?<q>["'`])(?<spec>\s*)\k<q>\s*\)|(?=[^\s)]))/dg;

export function scanImports(source: string): ImportSite[] {
  const masked = maskSource(source);
  const lineAt = (offset: number) => source.slice(0, offset).split("\n").length;
  const specifierOf = (m: RegExpExecArray) => {
    const at = m.indices?.groups?.spec;
    return at ? source.slice(at[0], at[1]) : null;
  };
  const sites: Array<ImportSite & { offset: number }> = [];
  const add = (m: RegExpExecArray, kind: ImportKind, typeOnly: boolean) =>
    sites.push({ kind, specifier: specifierOf(m), typeOnly, line: lineAt(m.index), offset: m.index });
  for (const m of masked.matchAll(STATIC)) {
    const typeOnly = Boolean(m.groups!.type) || allTypeSpecifiers(m.groups!.clause!);
    add(m, m.groups!.verb === "import" ? "import" : "export-from", typeOnly);
  }
  for (const m of masked.matchAll(SIDE_EFFECT)) add(m, "side-effect", false);
  for (const m of masked.matchAll(CALL)) add(m, m.groups!.verb === "import" ? "dynamic" : "require", false);
  return sites.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...site }) => site);
}

/** `import { type A, type B } from` erases entirely; a default or namespace import or one plain name does not. */
function allTypeSpecifiers(clause: string): boolean {
  const braces = clause.match(/^\{([\s\S]*)\}$/);
  if (!braces) return false;
  const names = braces[1]!
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/**
 * Where a specifier points: a repository path (extension and /index resolved against `files` when listed)
 * for `@/…` and relative specifiers, else the package name (`next/navigation` → `next`, `@prisma/client`).
 */
export function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>): { file: string } | { pkg: string } {
  let base: string | null = null;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..")
    base = posix.join(posix.dirname(fromFile), specifier);
  if (base === null) {
    const parts = specifier.split("/");
    return { pkg: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]! };
  }
  base = posix.normalize(base);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (files.has(candidate)) return { file: candidate };
  }
  return { file: base };
}
