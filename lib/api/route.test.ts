import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

const bearer = vi.hoisted(() => ({ bearerIdentity: vi.fn() }));
vi.mock("@/lib/api/bearer", () => bearer);

const { apiRoute, bearerToken, nobody } = await import("./route");

const URL_BASE = "http://localhost/api/v1/things";
const noParams = { params: Promise.resolve({}) };

async function read(res: Response) {
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe("route wrapper", () => {
  const echo = apiRoute({
    auth: nobody,
    params: z.object({ id: z.coerce.number().int().positive() }),
    notFound: "No such thing.",
    query: z.object({ limit: z.coerce.number().int().max(100).default(10) }),
    body: z.object({ name: z.string().min(1, "Name it.") }),
    run: async ({ params, query, body, instance }) => Response.json({ id: params.id, limit: query.limit, name: body.name, instance }),
  });
  const post = (url: string, body: string, id = "5") => echo(new Request(url, { method: "POST", body }), { params: Promise.resolve({ id }) });

  it("runs with parsed params, query and body, and the path as instance", async () => {
    expect(await read(await post(`${URL_BASE}/5?limit=3`, '{"name":"x"}'))).toMatchObject({
      status: 200,
      body: { id: 5, limit: 3, name: "x", instance: "/api/v1/things/5" },
    });
  });

  it("answers a body that is not JSON with a 400 problem, never a 500", async () => {
    const res = await read(await post(`${URL_BASE}/5`, "{not json"));
    expect(res).toMatchObject({
      status: 400,
      type: "application/problem+json",
      body: { status: 400, detail: "The body is not valid JSON.", instance: "/api/v1/things/5" },
    });
  });

  it("answers an invalid body or query with a 400 problem listing the fields", async () => {
    expect(await read(await post(`${URL_BASE}/5`, '{"name":""}'))).toMatchObject({ status: 400, body: { errors: [{ field: "name", detail: "Name it." }] } });
    expect(await read(await post(`${URL_BASE}/5?limit=1000`, '{"name":"x"}'))).toMatchObject({ status: 400, body: { errors: [{ field: "limit" }] } });
  });

  it("answers a path parameter that names nothing with 404", async () => {
    expect(await read(await post(`${URL_BASE}/abc`, '{"name":"x"}', "abc"))).toMatchObject({
      status: 404,
      body: { detail: "No such thing.", code: "NOT_FOUND" },
    });
  });

  it("maps what run throws, and answers an unknown error with a logged 500 problem that says nothing more", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const conflict = apiRoute({
      auth: nobody,
      run: async () => {
        throw new AppError("CONFLICT", "Changed meanwhile.");
      },
    });
    expect(await read(await conflict(new Request(URL_BASE), noParams))).toMatchObject({ status: 409, body: { detail: "Changed meanwhile." } });
    const bug = new Error("db password is hunter2");
    const broken = apiRoute({
      auth: nobody,
      run: async () => {
        throw bug;
      },
    });
    const res = await read(await broken(new Request(URL_BASE), noParams));
    expect(res).toMatchObject({ status: 500, type: "application/problem+json" });
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(logged).toHaveBeenCalledWith({ err: bug, instance: "/api/v1/things" }, "route handler failed");
    logged.mockRestore();
  });

  it("refuses a missing token with 401 and a limited token where it is not allowed with 403", async () => {
    const run = vi.fn(async () => Response.json({ success: true }));
    const full = apiRoute({ auth: bearerToken("connections:test"), run });
    bearer.bearerIdentity.mockResolvedValueOnce(null);
    const missing = await full(new Request(URL_BASE, { method: "POST" }), noParams);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="keyhold"');
    expect(await read(missing)).toMatchObject({
      status: 401,
      body: { type: "https://serverlessworkflow.io/spec/1.0.0/errors/authentication", instance: "/api/v1/things" },
    });
    bearer.bearerIdentity.mockResolvedValueOnce({ tokenId: 1, workspaceId: 1, scope: "cache", label: "ci" });
    expect(await read(await full(new Request(URL_BASE, { method: "POST" }), noParams))).toMatchObject({
      status: 403,
      body: { detail: "This token is limited to the clear-cache and refresh APIs." },
    });
    expect(run).not.toHaveBeenCalled();
    bearer.bearerIdentity.mockResolvedValueOnce({ tokenId: 1, workspaceId: 1, scope: "cache", label: "ci" });
    const cache = apiRoute({ auth: bearerToken("cache:clear"), run });
    expect((await cache(new Request(URL_BASE, { method: "POST" }), noParams)).status).toBe(200);
  });
});
