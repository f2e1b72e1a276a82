import "server-only";
// The fetch a workflow run uses (docs/egress.md, docs/workflows.md): every request's host is resolved and
// checked against the workspace's egress policy, and the connection goes to the checked address (pinned
// lookup), so DNS cannot change the answer in between. Redirects are returned, never followed.
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { EgressRefused, resolveAllowed, type EgressPolicy } from "@/lib/connections/egress";
import { pinnedLookup } from "@/lib/connections/testers/http";
import { workflowError } from "@/lib/workflows";

const NULL_BODY = new Set([101, 204, 205, 304]);

async function bodyBytes(body: RequestInit["body"]): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(new Uint8Array(body));
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  return Buffer.from(await new Response(body).arrayBuffer());
}

export function egressCheckedFetch(policy: EgressPolicy): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw workflowError("configuration", `Only http and https endpoints can be called, not ${url.protocol}`);
    const port = Number(url.port || (url.protocol === "http:" ? 80 : 443));
    let target: Awaited<ReturnType<typeof resolveAllowed>>;
    try {
      target = await resolveAllowed(url.hostname, policy, { port });
    } catch (err) {
      if (err instanceof EgressRefused) throw workflowError("authorization", err.message, { status: 403 });
      throw workflowError("communication", `${url.hostname} could not be resolved.`, { status: 503 });
    }
    const body = await bodyBytes(init.body);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const mod = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = mod.request(
        url,
        { method: init.method ?? "GET", headers, lookup: pinnedLookup(target), agent: false, signal: init.signal ?? undefined },
        (res) => {
          const status = res.statusCode ?? 502;
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(", ") : v);
          if (NULL_BODY.has(status)) {
            res.resume();
            resolve(new Response(null, { status, headers: out }));
            return;
          }
          resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers: out }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }) as typeof fetch;
}
