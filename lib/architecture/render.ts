// Renders the layer table as the README's architecture block, so the map a reader follows is the rule the
// architecture test enforces.
import { LAYERS, RESTRICTED_PACKAGES, type Layer } from "./layers";

export const START = "<!-- layers:start -->";
export const END = "<!-- layers:end -->";

const code = (s: string) => `\`${s}\``;

function where(layer: Layer): string {
  const folders = layer.paths.every((p) => p.endsWith("/") || !p.includes("/") || p === layer.id);
  if (folders && layer.paths.length === 1) return code(layer.paths[0]!);
  return `${layer.id}: ${layer.paths.map(code).join(", ")}`;
}

function mayImport(layer: Layer): string {
  if (layer.mayImport.includes("*")) return "anything";
  if (layer.mayImport.length === 0) return "only itself";
  return layer.mayImport.map(code).join(", ");
}

export function renderLayers(): string {
  const rows = LAYERS.map((l) => {
    const forbids = l.forbids ? ` Never ${l.forbids.packages.map(code).join(" or ")}: ${l.forbids.why}.` : "";
    return `| ${where(l)} | ${l.holds}.${forbids} | ${mayImport(l)} |`;
  });
  const dbUsers = LAYERS.filter((l) => l.id !== "lib/db.ts" && (l.mayImport.includes("lib/db.ts") || l.mayImport.includes("*"))).map((l) => code(l.id));
  const packages = RESTRICTED_PACKAGES.map((r) => `- ${r.packages.map(code).join(", ")}: only in ${r.allowedIn.map(code).join(", ")} (${r.why}).`);
  return [
    START,
    "<!-- Generated from lib/architecture/layers.ts by `npx tsx lib/architecture/print-layers.ts --write`; lib/architecture.test.ts fails when this block differs. -->",
    "",
    "| layer | what lives there | may import (besides itself) |",
    "| --- | --- | --- |",
    ...rows,
    "",
    `The Prisma client, \`lib/db.ts\`, is imported only by ${dbUsers.join(", ")}. Packages only some places may import:`,
    "",
    ...packages,
    "",
    "Tests (`*.test.ts`, `*.spec.ts`) may import anything; they are not shipped. A file belongs to the layer with the",
    "longest matching path, so the contracts rows carve pure modules out of their folders.",
    END,
  ].join("\n");
}

/** The text between the markers (markers included), or null when the document has no block. */
export function extractBlock(document: string): string | null {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end === -1 || end < start) return null;
  return document.slice(start, end + END.length);
}

export function replaceBlock(document: string, block: string): string {
  const current = extractBlock(document);
  if (current === null) throw new Error(`no ${START} … ${END} block to replace`);
  return document.replace(current, block);
}
