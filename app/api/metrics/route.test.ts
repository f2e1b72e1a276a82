// /api/metrics: only the instance credential reads it (network attacker, workspace token, wrong token of any
// length); without METRICS_TOKEN configured the endpoint is off and says how to turn it on.
import { describe, expect, it, vi } from "vitest";
import { instanceCredential } from "@/lib/api/instance-auth";
import { apiRoute } from "@/lib/api/route";
import { exposition } from "@/lib/metrics/registry";

const TOKEN = "metrics-token-0123456789-abcdefghijklmnop";
vi.mock("@/lib/env", async (importActual) => {
  const actual = await importActual<typeof import("@/lib/env")>();
  return { ...actual, env: { ...actual.env, METRICS_TOKEN: "metrics-token-0123456789-abcdefghijklmnop" } };
});

const { GET } = await import("./route");
const ctx = { params: Promise.resolve({}) };
const get = (route: typeof GET, authorization?: string) =>
  route(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), ctx);

describe("GET /api/metrics", () => {
  it("answers the Prometheus text format to the instance credential", async () => {
    const res = await get(GET, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect(await res.text()).toContain("# TYPE keyhold_resolutions_total counter");
  });

  it.each([
    ["no Authorization header", undefined],
    ["a wrong token of the same length", `Bearer ${TOKEN.replace(/.$/, "X")}`],
    ["a shorter prefix of the token", `Bearer ${TOKEN.slice(0, 20)}`],
    ["a workspace API token", "Bearer kh_wsp_0123456789abcdef0123456789abcdef"],
    ["Basic authentication", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`],
  ])("refuses %s with a 401 problem and no metrics", async (_, authorization) => {
    const res = await get(GET, authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    const text = await res.text();
    expect(text).not.toContain("keyhold_");
    expect(JSON.parse(text).detail).toContain("METRICS_TOKEN");
  });

  it("is off (404, saying how to turn it on) when no credential is configured, whatever is sent", async () => {
    const off = apiRoute({
      auth: instanceCredential(undefined, { name: "/api/metrics", variable: "METRICS_TOKEN" }),
      run: async () => new Response((await exposition()).body),
    });
    for (const authorization of [undefined, "Bearer ", `Bearer ${TOKEN}`]) {
      const res = await get(off as typeof GET, authorization);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { detail: string };
      expect(body.detail).toBe("/api/metrics is off on this instance: set METRICS_TOKEN to enable it.");
    }
  });
});
