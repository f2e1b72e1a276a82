// Just enough HTTP/1.1 to answer a request Node's parser refused (Vault's LIST verb): read the request line
// and headers from the raw packet, write a complete response and close the connection.
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { ApiRequest, ApiResponse } from "./responses";

export function parseRawRequest(packet: Buffer): ApiRequest | undefined {
  const text = packet.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [requestLine = "", ...headerLines] = text.slice(0, end).split("\r\n");
  const match = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!match?.[1] || !match[2]) return undefined;
  const headers: Record<string, string | undefined> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const url = new URL(match[2], "http://emulator");
  const bodyText = Buffer.from(text.slice(end + 4), "latin1").toString("utf8");
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  return { method: match[1], path: url.pathname, query: url.searchParams, headers, body };
}

export function writeRawResponse(socket: Socket, response: ApiResponse): void {
  if (!socket.writable) return void socket.destroy();
  // A string body is sent as is (a raw fault's HTML or XML, Vault's plain-text 404), as index.ts does.
  const payload = response.body === undefined ? "" : typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  const headers: Record<string, string> = {
    ...(payload && !Object.keys(response.headers ?? {}).some((k) => k.toLowerCase() === "content-type") ? { "Content-Type": "application/json" } : {}),
    "Cache-Control": "no-store",
    ...response.headers,
    "Content-Length": String(Buffer.byteLength(payload)),
    Connection: "close",
  };
  const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`]
    .concat(Object.entries(headers).map(([k, v]) => `${k}: ${v}`))
    .join("\r\n");
  socket.end(`${head}\r\n\r\n${payload}`);
}
