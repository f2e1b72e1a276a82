import { describe, expect, it } from "vitest";
import { maskSource, resolveSpecifier, scanImports } from "./imports";

const specifiers = (source: string) => scanImports(source).map((s) => [s.kind, s.specifier, s.typeOnly]);

describe("scanImports", () => {
  it("sees every import form", () => {
    const source = [
      'import { a } from "@/lib/data/a";',
      'import b from "../b";',
      'import * as c from "./c";',
      'import type { D } from "@/lib/data/d";',
      'import { type E, type F } from "@/lib/data/e";',
      'import { type G, h } from "@/lib/data/g";',
      'import {\n  i,\n  type J,\n} from "@/lib/data/i";',
      'export { k } from "@/lib/data/k";',
      'export type { L } from "@/lib/data/l";',
      'export * from "@/lib/data/m";',
      'export * as n from "@/lib/data/n";',
      'import "server-only";',
      "import 'pg';",
      'const o = await import("@/lib/data/o");',
      "const p = require('@/lib/data/p');",
      'import q = require("@/lib/data/q");',
      "const r = await import(`@/lib/data/r`);",
    ].join("\n");
    expect(specifiers(source)).toEqual([
      ["import", "@/lib/data/a", false],
      ["import", "../b", false],
      ["import", "./c", false],
      ["import", "@/lib/data/d", true],
      ["import", "@/lib/data/e", true],
      ["import", "@/lib/data/g", false],
      ["import", "@/lib/data/i", false],
      ["export-from", "@/lib/data/k", false],
      ["export-from", "@/lib/data/l", true],
      ["export-from", "@/lib/data/m", false],
      ["export-from", "@/lib/data/n", false],
      ["side-effect", "server-only", false],
      ["side-effect", "pg", false],
      ["dynamic", "@/lib/data/o", false],
      ["require", "@/lib/data/p", false],
      ["require", "@/lib/data/q", false],
      ["dynamic", "@/lib/data/r", false],
    ]);
  });

  it("reports a computed dynamic import or require with no specifier", () => {
    expect(specifiers("const m = await import(name);\nrequire(path.join(a, b));")).toEqual([
      ["dynamic", null, false],
      ["require", null, false],
    ]);
  });

  it("gives the line of each import", () => {
    expect(scanImports('// header\n\nimport { a } from "./a";\n\nexport * from "./b";').map((s) => s.line)).toEqual([3, 5]);
  });

  it("ignores imports inside comments, strings, templates and regex literals", () => {
    const source = [
      '// import { a } from "@/lib/data/a";',
      '/* export * from "@/lib/data/b"; */',
      "const s = 'import { c } from \"@/lib/data/c\"';",
      'const t = `require("@/lib/data/d")`;',
      "const re = /from [\"']@\\/lib\\/data/;",
      'const url = "https://example.com/import(x)";',
      "myimport('x'); obj.require('y'); reimport('z');",
      'import { real } from "./real";',
    ].join("\n");
    expect(specifiers(source)).toEqual([["import", "./real", false]]);
  });

  it("keeps a division from being read as a regex literal", () => {
    expect(specifiers('const half = total / 2; const q = a / b;\nimport { x } from "./x";')).toEqual([["import", "./x", false]]);
  });

  it("masks without moving anything, so offsets and lines stay true", () => {
    const source = 'const a = "x"; // y\nimport "z";';
    const masked = maskSource(source);
    expect(masked).toHaveLength(source.length);
    expect(masked.split("\n")).toHaveLength(2);
  });
});

describe("resolveSpecifier", () => {
  const files = new Set(["lib/data/a.ts", "lib/secrets/providers/aws/index.ts", "components/b.tsx"]);

  it("resolves @/ and relative paths to repository files, extensions and index files included", () => {
    expect(resolveSpecifier("app/page.tsx", "@/lib/data/a", files)).toEqual({ file: "lib/data/a.ts" });
    expect(resolveSpecifier("lib/secrets/provider-factory.ts", "./providers/aws", files)).toEqual({ file: "lib/secrets/providers/aws/index.ts" });
    expect(resolveSpecifier("lib/services/x/y.ts", "../../data/a", files)).toEqual({ file: "lib/data/a.ts" });
    expect(resolveSpecifier("app/page.tsx", "../components/b", files)).toEqual({ file: "components/b.tsx" });
  });

  it("names the package of a bare specifier", () => {
    expect(resolveSpecifier("lib/x.ts", "next/navigation", files)).toEqual({ pkg: "next" });
    expect(resolveSpecifier("lib/x.ts", "@prisma/client/runtime", files)).toEqual({ pkg: "@prisma/client" });
    expect(resolveSpecifier("lib/x.ts", "node:fs", files)).toEqual({ pkg: "node:fs" });
  });
});
