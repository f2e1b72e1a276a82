// Adds up the JSON reports of every test layer into one closing line: "N passed, N failed".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  let p = 0;
  let f = 0;
  if ("numPassedTests" in report) {
    p = report.numPassedTests;
    f = report.numFailedTests;
  } else {
    p = report.stats.expected;
    f = report.stats.unexpected + report.stats.flaky;
  }
  console.log(`${file.replace(/\.json$/, "").padEnd(20)} ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
