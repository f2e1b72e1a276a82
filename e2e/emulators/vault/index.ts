// A local HashiCorp Vault for tests and the embedded demo: the /v1/ HTTP API that node-vault (and Vault's own
// CLI) speak, plus the shared /_emulator/ control API (e2e/emulators/types.ts). Dev/test infrastructure only.
import http from "node:http";
import type { Socket } from "node:net";
import type { FaultSpec, RunningEmulator } from "../types";
import type { VaultFixture } from "./fixture";
import { internalError, type ApiRequest, type ApiResponse } from "./responses";
import { faultResponse, VaultFaults } from "./faults";
import { handleApi, operationOf } from "./vault-api";
import { VaultState, type VaultStateMutation } from "./vault-state";
import { parseRawRequest, writeRawResponse } from "./raw-http";

export type { VaultFixture } from "./fixture";
export { demoFixture } from "./fixture";
export type { VaultStateMutation } from "./vault-state";

interface VaultEmulatorOptions {
  port?: number;
  fixture: VaultFixture;
}

export interface RunningVaultEmulator extends RunningEmulator {
  setState(mutation: VaultStateMutation): void;
}

type Outcome = ApiResponse | "drop";

export async function startVaultEmulator(options: VaultEmulatorOptions): Promise<RunningVaultEmulator> {
  const state = new VaultState(options.fixture);
  let calls: Record<string, number> = {};
  const faults = new VaultFaults();
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pending.add(entry);
    });

  function control(req: ApiRequest): ApiResponse {
    const route = `${req.method} ${req.path.replace(/\/+$/, "")}`;
    switch (route) {
      case "GET /_emulator/calls":
        return { status: 200, body: calls };
      case "POST /_emulator/calls/reset":
        calls = {};
        return { status: 200, body: {} };
      case "POST /_emulator/faults":
        try {
          faults.inject(req.body as FaultSpec);
          return { status: 200, body: {} };
        } catch (err) {
          return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
        }
      case "POST /_emulator/faults/clear":
        faults.clear();
        return { status: 200, body: {} };
      case "POST /_emulator/state":
        try {
          state.apply(req.body as VaultStateMutation);
          return { status: 200, body: {} };
        } catch (err) {
          return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
        }
      default:
        return { status: 404, body: { error: `Unknown control route ${route}` } };
    }
  }

  async function dispatch(req: ApiRequest): Promise<Outcome> {
    if (req.path.startsWith("/_emulator/")) return control(req);
    if (!req.path.startsWith("/v1/")) return { status: 404, body: "404 page not found\n" };
    const operation = operationOf(req);
    calls[operation] = (calls[operation] ?? 0) + 1;
    const fault = faults.take(operation);
    if (fault?.kind === "latency") await sleep(fault.delayMs ?? 1_000);
    if (fault?.kind === "drop") return "drop";
    return (fault && faultResponse(fault, req.path.replace(/^\/v1\//, ""))) ?? handleApi(state, req);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://emulator");
      const text = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      void dispatch({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body: parseJson(text) })
        .catch(() => internalError())
        .then((outcome) => {
          if (outcome === "drop") return void req.socket.destroy();
          if (res.destroyed) return;
          const payload = outcome.body === undefined ? "" : typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
          res.writeHead(outcome.status, {
            ...(payload ? { "content-type": "application/json" } : {}),
            "cache-control": "no-store",
            ...outcome.headers,
          });
          res.end(payload);
        });
    });
  });

  // Vault's own LIST verb is not an HTTP method Node's parser knows: it surfaces as a client error carrying
  // the raw request, which is answered here (then the connection closes, as after any parse error).
  server.on("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    const raw = err.code === "HPE_INVALID_METHOD" && err.rawPacket ? parseRawRequest(err.rawPacket) : undefined;
    if (!raw || !socket.writable) return void socket.destroy();
    void dispatch(raw)
      .catch(() => internalError())
      .then((outcome) => (outcome === "drop" ? socket.destroy() : writeRawResponse(socket, outcome)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls: () => ({ ...calls }),
    resetCalls: () => {
      calls = {};
    },
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setState: (mutation) => state.apply(mutation),
    close: async () => {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
