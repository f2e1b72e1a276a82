// Test support: the console's agent API (the real route handlers of app/api/agent/v1) served over loopback
// HTTP from the test process, so that a real agent process can dial in without a Next build. Requests are
// turned into Fetch API Requests exactly as Next hands them to route handlers; a closed socket aborts the signal.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as bye } from "@/app/api/agent/v1/bye/route";
import { POST as hello } from "@/app/api/agent/v1/hello/route";
import { POST as ack } from "@/app/api/agent/v1/jobs/[jobId]/ack/route";
import { POST as result } from "@/app/api/agent/v1/jobs/[jobId]/result/route";
import { GET as poll } from "@/app/api/agent/v1/jobs/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: Array<{ method: string; path: RegExp; handler: Handler }> = [
  { method: "POST", path: /^\/api\/agent\/v1\/hello$/, handler: hello },
  { method: "GET", path: /^\/api\/agent\/v1\/jobs$/, handler: poll },
  { method: "POST", path: /^\/api\/agent\/v1\/jobs\/(?<jobId>[^/]+)\/ack$/, handler: ack },
  { method: "POST", path: /^\/api\/agent\/v1\/jobs\/(?<jobId>[^/]+)\/result$/, handler: result },
  { method: "POST", path: /^\/api\/agent\/v1\/bye$/, handler: bye },
];

export interface AgentConsole {
  url: string;
  /** Every response body the console sent to agents (for leak checks). */
  responses: string[];
  close(): Promise<void>;
}

export async function startAgentConsole(): Promise<AgentConsole> {
  const responses: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = ROUTES.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const aborted = new AbortController();
    res.on("close", () => !res.writableFinished && aborted.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: req.method, headers, body: req.method === "GET" ? undefined : Buffer.concat(chunks), signal: aborted.signal });
    const params = route.path.exec(url.pathname)?.groups ?? {};
    const response = await route.handler(request, { params: Promise.resolve(params) });
    const body = Buffer.from(await response.arrayBuffer());
    responses.push(body.toString("utf8"));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    responses,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
