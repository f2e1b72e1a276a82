// Prints the layer table as Markdown; with --write, replaces the block between the layers markers in
// README.md. Run: npx tsx lib/architecture/print-layers.ts [--write]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderLayers, replaceBlock } from "./render";

const block = renderLayers();
if (process.argv.includes("--write")) {
  const readme = join(import.meta.dirname, "..", "..", "README.md");
  writeFileSync(readme, replaceBlock(readFileSync(readme, "utf8"), block));
} else {
  console.log(block);
}
