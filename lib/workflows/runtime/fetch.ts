// Every request of a run: through the injected fetch (the product's egress-checked one), never following a
// redirect, with its own deadline, the body read up to a size limit and scrubbed before anything sees it.
import { WorkflowError, workflowError } from "../errors";
import type { RunContext } from "./context";
import { Stop } from "./task";

export interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body as UTF-8 text, scrubbed. */
  text: string;
}

async function readLimited(res: Response, max: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw workflowError("communication", `The response is larger than ${max} bytes.`, { status: 502 });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export interface SendInit extends RequestInit {
  signal: AbortSignal;
  secretBearing: boolean;
  /** The workflow secrets it carries, by name (DestinationCheck.secrets). */
  secrets: string[];
  task: string;
}

async function checkDestination(ctx: RunContext, url: string, init: SendInit): Promise<void> {
  const check = ctx.options.checkDestination;
  if (!check) return;
  try {
    await check({ url: safeUrl(url), method: init.method ?? "GET", secretBearing: init.secretBearing, secrets: init.secrets, task: init.task });
  } catch (err) {
    if (err instanceof WorkflowError) throw err;
    throw workflowError("authorization", `Request to ${safeUrl(url)} refused: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function send(ctx: RunContext, url: string, sendInit: SendInit): Promise<Fetched> {
  await checkDestination(ctx, url, sendInit);
  const { secretBearing: _s, secrets: _n, task: _t, ...init } = sendInit;
  const deadline = AbortSignal.timeout(ctx.limits.httpTimeoutMs);
  const signal = AbortSignal.any([init.signal, deadline]);
  let res: Response;
  let body: Buffer;
  try {
    res = await ctx.options.fetch(url, { ...init, signal, redirect: "manual" });
    body = await readLimited(res, ctx.limits.maxResponseBytes);
  } catch (err) {
    if (err instanceof WorkflowError || err instanceof Stop) throw err;
    if (init.signal.aborted) throw init.signal.reason instanceof Error ? init.signal.reason : new Stop("cancelled");
    if (deadline.aborted) throw workflowError("timeout", `No response from ${safeUrl(url)} within ${ctx.limits.httpTimeoutMs} ms.`);
    const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw workflowError("communication", `Request to ${safeUrl(url)} failed: ${why}`, { status: 503 });
  }
  // Scrubbed on the way in: a target that echoes a credential must not put it into task data.
  const latin1 = body.toString("latin1");
  const scrubbedLatin1 = ctx.scrubber.text(latin1);
  const clean = scrubbedLatin1 === latin1 ? body : Buffer.from(ctx.scrubber.text(body.toString("utf8")), "utf8");
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = ctx.scrubber.text(v);
  });
  return { status: res.status, headers, body: clean, text: clean.toString("utf8") };
}

/** A URL fit for messages: without userinfo, query or fragment. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
