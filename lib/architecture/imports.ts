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
    else if (c === "[") (inClass = true), i++;
    else if (c === "]") (inClass = false), i++;
    else if (c === "/" && !inClass) return i + 1;
    else i++;
  }
  return source.length;
}

// Statement forms on the masked text; the specifier is read back from the original at the same offsets.
const STATIC = /(?<![\w$.])(import|export)(\s+type)?\s+([\w$*{}\s,]+?)\s*from\s*(["'])(\s*)\4/g;
const SIDE_EFFECT = /(?<![\w$.])import\s*(["'])(\s*)\1/g;
const CALL = /(?<![\w$.])(import|require)\s*\(\s*(?:(["'`])(\s*)\2\s*\)|(?=[^\s)]))/g;

export function scanImports(source: string): ImportSite[] {
  const masked = maskSource(source);
  const lineAt = (offset: number) => source.slice(0, offset).split("\n").length;
  const sites: Array<ImportSite & { offset: number }> = [];
  for (const m of masked.matchAll(STATIC)) {
    const clause = m[3]!;
    const start = m.index + m[0].length - 1 - m[5]!.length;
    const specifier = source.slice(start, start + m[5]!.length);
    sites.push({ kind: m[1] === "import" ? "import" : "export-from", specifier, typeOnly: Boolean(m[2]) || allTypeSpecifiers(clause), line: lineAt(m.index), offset: m.index });
  }
  for (const m of masked.matchAll(SIDE_EFFECT)) {
    const start = m.index + m[0].length - 1 - m[2]!.length;
    sites.push({ kind: "side-effect", specifier: source.slice(start, start + m[2]!.length), typeOnly: false, line: lineAt(m.index), offset: m.index });
  }
  for (const m of masked.matchAll(CALL)) {
    const kind = m[1] === "import" ? "dynamic" : "require";
    let specifier: string | null = null;
    if (m[2]) {
      const start = m.index + m[0].length - 1 - m[3]!.length - (m[0].length - m[0].lastIndexOf(m[2]) - 1);
      specifier = source.slice(start, start + m[3]!.length);
    }
    sites.push({ kind, specifier, typeOnly: false, line: lineAt(m.index), offset: m.index });
  }
  return sites.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...site }) => site);
}

/** `import { type A, type B } from` erases entirely; a default or namespace import or one plain name does not. */
function allTypeSpecifiers(clause: string): boolean {
  const braces = clause.match(/^\{([\s\S]*)\}$/);
  if (!braces) return false;
  const names = braces[1]!.split(",").map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/**
 * Where a specifier points: a repository path (extension and /index resolved against `files` when listed)
 * for `@/…` and relative specifiers, else the package name (`next/navigation` → `next`, `@prisma/client`).
 */
export function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>): { file: string } | { pkg: string } {
  let base: string | null = null;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") base = posix.join(posix.dirname(fromFile), specifier);
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
