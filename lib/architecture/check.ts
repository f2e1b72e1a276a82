// Checks an import graph against the layer table: every file belongs to a layer, every import lands in a
// layer its own may import, restricted packages stay where they are allowed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { resolveSpecifier, scanImports, type ImportSite } from "./imports";
import { isTestFile, layerOf, pathMatches, RESTRICTED_PACKAGES, type Layer } from "./layers";

export interface Violation {
  file: string;
  line: number;
  specifier: string | null;
  problem: string;
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (pkg: string) => pkg.startsWith("node:") || BUILTINS.has(pkg);

/** `sources` maps repository paths (posix, relative to the root) to their text. */
export function checkImports(sources: ReadonlyMap<string, string>, layers: { layerOf: (file: string) => Layer | undefined } = { layerOf }): Violation[] {
  const files = new Set(sources.keys());
  const violations: Violation[] = [];
  for (const [file, text] of sources) {
    if (isTestFile(file)) continue;
    const own = layers.layerOf(file);
    if (!own) {
      violations.push({ file, line: 1, specifier: null, problem: "belongs to no layer: add it to lib/architecture/layers.ts" });
      continue;
    }
    for (const site of scanImports(text)) {
      const problem = checkSite(file, own, site, files, layers.layerOf);
      if (problem) violations.push({ file, line: site.line, specifier: site.specifier, problem });
    }
  }
  return violations;
}

function checkSite(file: string, own: Layer, site: ImportSite, files: ReadonlySet<string>, find: (file: string) => Layer | undefined): string | null {
  if (site.specifier === null) return `a ${site.kind} of a computed name cannot be checked; import a literal path`;
  const target = resolveSpecifier(file, site.specifier, files);
  if ("pkg" in target) {
    if (isBuiltin(target.pkg)) return null;
    if (own.forbids?.packages.includes(target.pkg)) return `${own.id} must not import ${target.pkg}: it ${own.forbids.why}`;
    const rule = RESTRICTED_PACKAGES.find((r) => r.packages.includes(target.pkg));
    if (rule && !pathMatches(file, rule.allowedIn)) return `${target.pkg} is allowed only in ${rule.allowedIn.join(", ")} (${rule.why})`;
    return null;
  }
  const to = find(target.file);
  if (!to) return `imports ${target.file}, which belongs to no layer`;
  if (to === own || own.mayImport.includes("*") || own.mayImport.includes(to.id)) return null;
  return `${own.id} may not import ${to.id}${site.typeOnly ? " (not even types)" : ""}`;
}

/** Every TypeScript source of the repository that the table governs, keyed by its path from `root`. */
export function repositorySources(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = dir ? `${dir}/${name}` : name;
      if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
      if (statSync(join(root, path)).isDirectory()) {
        if (dir || ["app", "components", "lib", "e2e", "prisma", "agent"].includes(name)) walk(path);
      } else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) {
        out.set(relative(root, join(root, path)), readFileSync(join(root, path), "utf8"));
      }
    }
  };
  walk("");
  return out;
}
