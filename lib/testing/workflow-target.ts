// A local HTTP target for workflow tests and the benchmark: an API that checks bearer/basic credentials, an
// OAuth2 client_credentials token endpoint, an echo route (for leak tests), redirects, statuses and a slow route.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TargetOptions {
  apiKey: string;
  clientId: string;
  clientSecret: string;
  /** Token lifetime returned by the token endpoint, in seconds. */
  expiresIn?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalTarget {
  url: string;
  requests: RecordedRequest[];
  tokensIssued: string[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function startWorkflowTarget(options: TargetOptions): Promise<LocalTarget> {
  const requests: RecordedRequest[] = [];
  const tokensIssued: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://localhost");
      requests.push({ method: req.method ?? "GET", path: url.pathname, headers: req.headers, body });
      const auth = req.headers.authorization ?? "";
      const route = url.pathname;
      if (route === "/oauth2/token") {
        const form = new URLSearchParams(body);
        if (
          form.get("grant_type") !== "client_credentials" ||
          form.get("client_id") !== options.clientId ||
          form.get("client_secret") !== options.clientSecret
        ) {
          return json(res, 401, { error: "invalid_client" });
        }
        const token = `tok-${tokensIssued.length + 1}-${Math.random().toString(36).slice(2)}`;
        tokensIssued.push(token);
        return json(res, 200, { access_token: token, token_type: "Bearer", expires_in: options.expiresIn ?? 3600 });
      }
      if (route === "/echo") return json(res, 200, { headers: req.headers, query: Object.fromEntries(url.searchParams), body });
      if (route === "/redirect") return json(res, 302, { moved: true }, { location: "http://elsewhere.invalid/x" });
      if (route.startsWith("/status/")) return json(res, Number(route.slice(8)), { error: "as requested", auth });
      if (route === "/slow") return void setTimeout(() => json(res, 200, { slow: true }), Number(url.searchParams.get("ms") ?? 2000));
      if (route === "/plain") {
        res.writeHead(200, { "content-type": "text/plain" });
        return void res.end("hello");
      }
      if (route === "/orders") {
        if (!tokensIssued.some((t) => auth === `Bearer ${t}`)) return json(res, 401, { error: "bad token" });
        return json(res, 200, { orders: [{ id: 1 }, { id: 2 }] });
      }
      if (auth !== `Bearer ${options.apiKey}`) return json(res, 401, { error: "bad api key" });
      return json(res, 200, { ok: true, method: req.method, path: route, body: body ? (JSON.parse(body) as unknown) : null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokensIssued,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
