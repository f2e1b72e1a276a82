// The jq worker, as CommonJS source run with `new Worker(source, { eval: true })`: no separate file to locate
// or bundle, the same code under Next.js, tsx and Vitest. jq-wasm's own stdin feeds bytes one at a time
// (quadratic), so data and variables travel as `--argjson` arguments and jq runs with `-n`.
export const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const jq = require(workerData.jqPath);
parentPort.on("message", async (m) => {
  const args = ["-c", "-n"];
  for (const name of Object.keys(m.vars)) args.push("--argjson", name, m.vars[name]);
  try {
    const out = await jq.raw({}, m.filter, args);
    parentPort.postMessage({ id: m.id, ok: true, out });
  } catch (e) {
    const message = String((e && e.message) || e);
    parentPort.postMessage({ id: m.id, ok: false, message, fatal: /Aborted\\(|out of memory|RuntimeError/i.test(message) });
  }
});
`;
