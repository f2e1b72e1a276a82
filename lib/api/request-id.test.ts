// Every log line of a request carries its request id, and the client gets the id back.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { apiRoute, nobody } from "./route";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger(stream, "info") };
}

const ctx = { params: Promise.resolve({}) };

describe("request ids in route handlers", () => {
  it("logs every line with the proxy's id, even across awaits and nested calls", async () => {
    const { lines, logger } = capture();
    const deep = async () => {
      await new Promise((r) => setTimeout(r, 5));
      logger.warn({ event: "deep" }, "nested");
    };
    const route = apiRoute({
      auth: nobody,
      run: async () => {
        logger.info("start");
        await deep();
        return Response.json({ ok: true });
      },
    });
    const res = await route(new Request("http://localhost/api/x", { headers: { "x-request-id": "from-proxy-0001" } }), ctx);
    expect(lines.map((l) => l.requestId)).toEqual(["from-proxy-0001", "from-proxy-0001"]);
    // The proxy already returns it; the handler does not add a second copy.
    expect(res.headers.get("x-request-id")).toBeNull();
  });

  it("makes one when the request has none or an invalid one, and returns it", async () => {
    const { lines, logger } = capture();
    const route = apiRoute({
      auth: nobody,
      run: async () => {
        logger.info("hi");
        return Response.json({});
      },
    });
    const res = await route(new Request("http://localhost/api/x", { headers: { "x-request-id": "bad id\u0007" } }), ctx);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]?.requestId).toBe(id);
    // Outside a request, no id.
    logger.info("later");
    expect(lines[1]?.requestId).toBeUndefined();
  });
});
