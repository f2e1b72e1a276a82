// Writes lib/secrets/contracts/aws-regions.json from the installed AWS SDK's endpoint partition data, after an
// SDK upgrade (aws-regions.test.ts says when). Run: npx tsx e2e/support/write-aws-regions.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readSdkRegions } from "./sdk-regions";

const target = join(import.meta.dirname, "..", "..", "lib", "secrets", "contracts", "aws-regions.json");
writeFileSync(target, `${JSON.stringify({ source: "@aws-sdk/core partitions", regions: readSdkRegions() }, null, 2)}\n`);
console.log(`wrote ${target}`);
