// A local Google Secret Manager for tests and the embedded demo: plain HTTP on 127.0.0.1, answering the
// REST paths the unmodified @google-cloud/secret-manager client calls in fallback mode, Google's OAuth2
// token endpoint, and the shared /_emulator/ control API (e2e/emulators/types.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultSpec, RunningEmulator } from "../types";
import { writeRawFault } from "../raw-faults";
import { faultReply, queuedFault, type QueuedFault } from "./faults";
import { GcpAuth } from "./auth";
import type { GcpFixture } from "./fixture";
import { googleError, unauthenticated, type Reply } from "./google-errors";
import { routeApi, SecretManagerApi } from "./secret-manager-api";
import { GcpState, type GcpStateMutation } from "./state";

interface StartGcpEmulatorOptions {
  port?: number;
  fixture: GcpFixture;
}

export interface RunningGcpEmulator extends RunningEmulator {
  /** Where a service-account key's token_uri should point. */
  tokenUrl: string;
  /** Same mutations as POST /_emulator/state; throws on an invalid one. */
  setState(mutation: GcpStateMutation): Record<string, unknown>;
}

const MAX_BODY = 1 << 20;

export async function startGcpEmulator(options: StartGcpEmulatorOptions): Promise<RunningGcpEmulator> {
  const { fixture } = options;
  const state = new GcpState(fixture);
  const api = new SecretManagerApi(fixture, state);
  let baseUrl = "";
  const auth = new GcpAuth(fixture, () => `${baseUrl}/token`);
  const calls: Record<string, number> = {};
  let faults: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const injectFault = (f: FaultSpec) => void faults.push(queuedFault(f));

  const takeFault = (op: string): QueuedFault | undefined => {
    const fault = faults.find((f) => f.remaining > 0 && (f.operation === undefined || f.operation === op));
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  };

  /** Counts the call, then plays a queued fault; true when the fault already answered (or dropped) it. */
  const countAndFault = async (op: string, res: ServerResponse, rpc: string): Promise<boolean> => {
    calls[op] = (calls[op] ?? 0) + 1;
    const fault = takeFault(op);
    if (!fault) return false;
    if (fault.kind === "latency") {
      await sleep(fault.delayMs);
      return res.destroyed;
    }
    if (fault.kind === "drop") {
      res.socket?.destroy();
      return true;
    }
    if (fault.kind === "raw") writeRawFault(res, fault);
    else send(res, faultReply(fault, op, rpc, fixture.projectNumber));
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const body = await readBody(req);
    if (url.pathname.startsWith("/_emulator/")) return control(req.method ?? "GET", url.pathname, body, res);
    if (url.pathname === "/token" && req.method === "POST") {
      if (await countAndFault("token", res, "token")) return;
      return send(res, auth.exchange(formOf(req.headers["content-type"], body)));
    }
    const route = req.method === "GET" ? routeApi(url.pathname) : undefined;
    if (!route) return send(res, googleError("NOT_FOUND", `The requested URL ${url.pathname} was not found on this server.`));
    if (await countAndFault(route.op, res, route.rpc)) return;
    const who = auth.authenticate(req.headers.authorization);
    if (!who.ok) return send(res, unauthenticated(who.reason, route.rpc));
    send(res, api.handle(route, url.searchParams, who.email));
  };

  const control = (method: string, path: string, body: string, res: ServerResponse) => {
    try {
      let result: unknown = {};
      switch (`${method} ${path}`) {
        case "GET /_emulator/calls":
          result = { ...calls };
          break;
        case "POST /_emulator/calls/reset":
          resetCalls();
          break;
        case "POST /_emulator/faults":
          injectFault(JSON.parse(body) as FaultSpec);
          break;
        case "POST /_emulator/faults/clear":
          faults = [];
          break;
        case "POST /_emulator/state":
          result = { ok: true, ...state.apply(JSON.parse(body) as GcpStateMutation) };
          break;
        default:
          return send(res, { status: 404, body: { error: `No control endpoint ${method} ${path}` } });
      }
      send(res, { status: 200, body: result });
    } catch (err) {
      send(res, { status: 400, body: { error: (err as Error).message } });
    }
  };

  const resetCalls = () => {
    for (const key of Object.keys(calls)) delete calls[key];
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, googleError("INTERNAL", `Internal error: ${(err as Error).message}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    tokenUrl: `${baseUrl}/token`,
    calls: () => ({ ...calls }),
    resetCalls,
    injectFault,
    clearFaults: () => {
      faults = [];
    },
    setState: (m) => state.apply(m),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // The SDK keeps connections alive; close() would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return req.destroy(new Error("Request body too large"));
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The token endpoint takes a form body (what OAuth clients send); JSON bodies are accepted too. */
function formOf(contentType: string | undefined, body: string): URLSearchParams {
  if ((contentType ?? "").includes("application/json")) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}
