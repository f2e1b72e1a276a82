import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";
import { randomUUID } from "node:crypto";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text).toString(),
    "Cache-Control": "no-cache",
    "x-ms-request-id": randomUUID(),
    ...headers,
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Presents a raw socket whose first bytes were already read as a plain Duplex. A TLS server given a
 * net.Socket reads its native handle directly and would miss bytes pushed back with unshift(); a Duplex
 * goes through the JS stream path, which sees them.
 */
export function socketAsDuplex(socket: Socket, firstChunk: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(err, callback) {
      socket.destroy();
      callback(err);
    },
  });
  Object.assign(duplex, { remoteAddress: socket.remoteAddress, remotePort: socket.remotePort });
  if (firstChunk.length) duplex.push(firstChunk);
  socket.on("data", (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on("end", () => duplex.push(null));
  socket.on("error", (err) => duplex.destroy(err));
  socket.on("close", () => duplex.destroy());
  return duplex;
}

/** Entra ID's error timestamp format: "2026-01-31 12:34:56Z". */
export const aadTimestamp = (date = new Date()) => `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
