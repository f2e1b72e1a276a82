// The agent's side of a forwarded provider request (docs/agent.md "Cloud profiles"): only allowed origins, sent
// once, redirects handed back rather than followed, hop-by-hop headers dropped, oversized answers refused.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORWARD_MAX_RESPONSE_BYTES, type JobMessage } from "@/lib/agent/protocol";
import { httpForward } from "./forward";

const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
let server: http.Server;
let origin = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === "/redirect") return void res.writeHead(307, { location: "http://127.0.0.1:1/elsewhere" }).end();
      if (req.url === "/fail") return void res.writeHead(503, { "content-type": "application/json" }).end('{"errors":["sealed"]}');
      if (req.url === "/huge") return void res.writeHead(200).end(Buffer.alloc(FORWARD_MAX_RESPONSE_BYTES + 1, 97));
      res.writeHead(200, { "content-type": "application/json", "x-vault-request": "1" }).end('{"data":{"ok":true}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => server.close(r)));

const job = (path: string, extra: Partial<Extract<JobMessage, { kind: "http.forward" }>["payload"]> = {}): Extract<JobMessage, { kind: "http.forward" }> => ({
  id: "00000000-0000-4000-8000-000000000001",
  kind: "http.forward",
  deadlineAt: Date.now() + 5_000,
  payload: { method: "GET", url: `${origin}${path}`, headers: {}, ...extra },
});

describe("http.forward on the agent", () => {
  it("refuses an origin its config does not list, naming it, without sending anything", async () => {
    seen.length = 0;
    expect(await httpForward(job("/v1/sys/health"), ["https://vault.internal:8200"])).toEqual({
      refused: true,
      error: `This agent does not forward requests to ${origin}: add it under forward.allow in the agent's config file.`,
    });
    expect(seen).toEqual([]);
  });

  it("forwards method, headers and body once; answers status, headers and body as they are", async () => {
    seen.length = 0;
    const body = Buffer.from('{"role_id":"r","secret_id":"s"}').toString("base64");
    const result = await httpForward(
      job("/v1/auth/approle/login", { method: "POST", headers: { "x-vault-token": "t", connection: "close" }, bodyBase64: body }),
      [origin],
    );
    expect(result).toMatchObject({ status: 200, headers: { "x-vault-request": "1" } });
    expect(Buffer.from((result as { bodyBase64: string }).bodyBase64, "base64").toString()).toBe('{"data":{"ok":true}}');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/v1/auth/approle/login",
      body: '{"role_id":"r","secret_id":"s"}',
      headers: { "x-vault-token": "t" },
    });
  });

  it("hands a redirect back instead of following it, and sends a failing request only once", async () => {
    seen.length = 0;
    expect(await httpForward(job("/redirect"), [origin])).toMatchObject({ status: 307, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    expect(await httpForward(job("/fail"), [origin])).toMatchObject({ status: 503 });
    expect(seen.map((s) => s.url)).toEqual(["/redirect", "/fail"]);
  });

  it("refuses an answer larger than it forwards, and reports an unreachable origin by name only", async () => {
    expect(await httpForward(job("/huge"), [origin])).toEqual({ error: expect.stringContaining("more than an agent forwards") });
    const spare = http.createServer();
    await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
    const closed = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
    await new Promise((r) => spare.close(r));
    expect(await httpForward({ ...job("/"), payload: { method: "GET", url: `${closed}/v1/x`, headers: {} } }, [closed])).toEqual({
      error: `The agent could not reach ${closed} (ECONNREFUSED).`,
    });
  });
});
