// The jq worker, as CommonJS source run with `new Worker(source, { eval: true })`: no separate file to locate
// or bundle, the same code under Next.js, tsx and Vitest.
// - jq-wasm's own stdin feeds bytes one at a time (quadratic), so data and variables travel as `--argjson`
//   arguments and jq runs with `-n`.
// - jq-wasm 1.0.1 runs jq's main() again for every evaluation and, after a few hundred runs of some filters
//   (`(.n // 0) + 1` is one), its WebAssembly state corrupts ("memory access out of bounds"). The worker
//   compiles the module once and starts a fresh instance every RECYCLE_AFTER evaluations, well before that.
export const RECYCLE_AFTER = 100;

export const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const factory = require(workerData.jqBuildPath);
const base64 = /data:application\\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(readFileSync(workerData.jqBuildPath, "utf8"))[1];
const compiled = new WebAssembly.Module(Buffer.from(base64, "base64"));
const fresh = () =>
  factory({
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(compiled, imports);
      receive(instance, compiled);
      return instance.exports;
    },
  });
let jq = null;
let uses = 0;
const ready = fresh().then((m) => {
  jq = m;
  parentPort.postMessage({ ready: true });
});
parentPort.on("message", async (m) => {
  await ready;
  if (uses++ >= ${RECYCLE_AFTER}) {
    jq = await fresh();
    uses = 1;
  }
  const args = ["-c", "-n"];
  for (const name of Object.keys(m.vars)) args.push("--argjson", name, m.vars[name]);
  try {
    const out = await jq.raw("{}", m.filter, args);
    parentPort.postMessage({ id: m.id, ok: true, out });
  } catch (e) {
    const message = String((e && e.message) || e);
    parentPort.postMessage({ id: m.id, ok: false, message, fatal: /Aborted\\(|out of memory|out of bounds|RuntimeError|unreachable/i.test(message) });
  }
});
`;
