// One forwarded provider request (cloud profiles, docs/agent.md): the agent is an opaque tunnel from the console
// to a provider endpoint inside the customer's network. It sends the request once (no retries: the console
// owns them), through the proxy-aware dispatcher, never follows a redirect (the console refuses 3xx itself),
// and only to an origin listed under `forward.allow` in its own config: a console cannot aim it elsewhere.
// Headers and bodies carry Vault tokens, AppRole secrets, AWS signed requests with session tokens, Azure bearer
// tokens and secret values: nothing here logs them, and an
// error names only the origin.
import { EnvHttpProxyAgent, fetch } from "undici";
import { FORWARD_MAX_RESPONSE_BYTES, type HttpForwardResult, type JobMessage } from "@/lib/agent/protocol";

// Connection-level headers belong to each hop, not to the request the console described.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length"]);

let dispatcher: EnvHttpProxyAgent | undefined;

function without(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) if (!HOP_BY_HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

/** The whole body, or null past the limit (the rest is not read). */
async function readLimited(body: AsyncIterable<Uint8Array> | null): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > FORWARD_MAX_RESPONSE_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function httpForward(job: Extract<JobMessage, { kind: "http.forward" }>, allow: readonly string[]): Promise<HttpForwardResult> {
  const p = job.payload;
  const origin = new URL(p.url).origin;
  if (!allow.includes(origin)) {
    return { refused: true, error: `This agent does not forward requests to ${origin}: add it under forward.allow in the agent's config file.` };
  }
  dispatcher ??= new EnvHttpProxyAgent();
  try {
    const res = await fetch(p.url, {
      method: p.method,
      headers: without(Object.entries(p.headers)),
      body: p.bodyBase64 === undefined ? undefined : Buffer.from(p.bodyBase64, "base64"),
      redirect: "manual",
      dispatcher,
      signal: AbortSignal.timeout(Math.max(1_000, job.deadlineAt - Date.now() - 500)),
    });
    const body = await readLimited(res.body);
    if (!body) return { error: `${origin} answered with more than ${FORWARD_MAX_RESPONSE_BYTES / 1024} KiB, more than an agent forwards.` };
    return { status: res.status, headers: without(res.headers), bodyBase64: body.toString("base64") };
  } catch (err) {
    // The network's reason (a code such as ECONNREFUSED, or undici's short text): never the request or its body.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const what = err instanceof Error && err.name === "TimeoutError" ? "no answer in time" : (cause?.code ?? cause?.message?.slice(0, 200) ?? "error");
    return { error: `The agent could not reach ${origin} (${what}).` };
  }
}
