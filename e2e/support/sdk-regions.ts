// The regions of the installed AWS SDK: @aws-sdk/core keeps its endpoint partitions (every partition's
// regions) in one module that its package exports do not expose, so it is read as a file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export function readSdkRegions(): string[] {
  const core = dirname(createRequire(import.meta.url).resolve("@aws-sdk/core/package.json"));
  const source = readFileSync(join(core, "dist-es", "submodules", "client", "util-endpoints", "lib", "aws", "partitions.js"), "utf8");
  const data = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
    partitions: Array<{ regions: Record<string, unknown> }>;
  };
  // "aws-global", "aws-cn-global", … name a partition's global endpoint, not a region secrets live in.
  return data.partitions
    .flatMap((p) => Object.keys(p.regions))
    .filter((r) => !r.endsWith("-global"))
    .sort();
}
