// Capture a real server-action POST from a signed-in browser and replay it edited, as an attacker holding that
// session would (docs/threat-model.md). A captured action is the exact request the console's own form sent:
// same `Next-Action` id, router state tree and multipart body; the replay changes form fields and nothing else.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page, Request } from "@playwright/test";

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  /** The multipart form fields in order; React prefixes a form's fields with its argument id ("_1_name"). */
  parts: Array<{ name: string; value: string }>;
  boundary: string;
}

/** Runs `act` (a UI action) and returns the first server-action POST it sends. */
export async function captureAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await act();
  return parseCaptured(await sent);
}

function parseCaptured(request: Request): CapturedAction {
  const headers = request.headers();
  const contentType = headers["content-type"] ?? "";
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`Not a multipart server action: ${contentType}`);
  const parts = [];
  for (const chunk of (request.postData() ?? "").split(`--${boundary}`)) {
    const match = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(chunk);
    if (match) parts.push({ name: match[1]!, value: match[2]! });
  }
  return { url: request.url(), headers, parts, boundary };
}

/** The form-field prefix React gave this action's FormData ("_1_"), from a field the form is known to have. */
function prefixOf(captured: CapturedAction): string {
  const part = captured.parts.find((p) => /^(?:_?\d+_)?workspaceId$/.test(p.name));
  if (!part) throw new Error(`No workspaceId among ${captured.parts.map((p) => p.name).join(", ")}`);
  return part.name.slice(0, part.name.length - "workspaceId".length);
}

/** The value of a form field, or undefined. */
export function field(captured: CapturedAction, name: string): string | undefined {
  return captured.parts.find((p) => p.name === `${prefixOf(captured)}${name}`)?.value;
}

/** Set (or add) form fields; null removes one. Returns an edited copy. */
export function edit(captured: CapturedAction, changes: Record<string, string | null>): CapturedAction {
  const prefix = prefixOf(captured);
  let parts = [...captured.parts];
  for (const [name, value] of Object.entries(changes)) {
    const key = `${prefix}${name}`;
    if (value === null) parts = parts.filter((p) => p.name !== key);
    else if (parts.some((p) => p.name === key)) parts = parts.map((p) => (p.name === key ? { name: key, value } : p));
    else parts.splice(parts.length - 1, 0, { name: key, value });
  }
  return { ...captured, parts };
}

/** Posts the (edited) action with the cookies of `page`'s context; answers the RSC payload as text. */
export async function replay(page: Page, captured: CapturedAction): Promise<{ status: number; body: string }> {
  const body = `${captured.parts.map((p) => `--${captured.boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`).join("")}--${captured.boundary}--\r\n`;
  const headers: Record<string, string> = {
    "Next-Action": captured.headers["next-action"]!,
    Accept: "text/x-component",
    "Content-Type": `multipart/form-data; boundary=${captured.boundary}`,
  };
  if (captured.headers["next-router-state-tree"]) headers["Next-Router-State-Tree"] = captured.headers["next-router-state-tree"];
  const response = await page.request.post(captured.url, { headers, data: body });
  return { status: response.status(), body: await response.text() };
}

/** A loopback "attacker" host that records every request (path and credentials) it receives. */
export function listener() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? ""} ${req.headers["x-anything"] ?? ""}`.trim());
    res.writeHead(200).end("ok");
  });
  const started = new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  return { seen, started, close: () => new Promise((r) => server.close(r)) };
}
