// Loads server modules in a plain Node test process (as Vitest's alias does): "server-only" resolves to an
// empty module. Next's "react-server" condition would do it too, but breaks next/navigation outside Next.
//   node --import tsx --import ./e2e/support/server-only-shim.ts …
import Module from "node:module";
import path from "node:path";

const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = loader._resolveFilename;
const EMPTY = path.join(__dirname, "../../lib/testing/empty-module.ts");
loader._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
  return request === "server-only" ? EMPTY : original.call(this, request, ...rest);
};
