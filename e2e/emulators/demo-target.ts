// A tiny HTTP API for the demo's connections to test against: 200 for a request carrying one of the demo
// credentials (a bearer token or an X-Api-Key header), 401 otherwise, so "Test connection" shows a real
// success and a real refusal.
import http from "node:http";

interface DemoTarget {
  url: string;
  close(): Promise<void>;
}

export async function startDemoTarget(options: { port?: number; bearerTokens: string[]; apiKeys: string[] }): Promise<DemoTarget> {
  const server = http.createServer((req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const apiKey = req.headers["x-api-key"];
    const ok = (bearer !== undefined && options.bearerTokens.includes(bearer)) || (typeof apiKey === "string" && options.apiKeys.includes(apiKey));
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { status: "ok" } : { error: "unauthorized" }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
