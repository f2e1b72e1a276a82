import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { bearerValue, requireInstanceCredential, sameSecret } from "./instance-credential";

const SECRET = "m".repeat(40);
const req = (authorization?: string) => new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} });

describe("the instance credential (METRICS_TOKEN)", () => {
  it("lets in exactly the configured value as a Bearer token", () => {
    expect(() => requireInstanceCredential(req(`Bearer ${SECRET}`), SECRET)).not.toThrow();
    expect(() => requireInstanceCredential(req(`bearer ${SECRET}`), SECRET)).not.toThrow();
  });

  it("refuses a wrong, truncated, extended or missing value, and workspace API tokens, with 401", () => {
    for (const header of [
      `Bearer ${SECRET.slice(1)}`,
      `Bearer ${SECRET}x`,
      `Bearer ${"n".repeat(40)}`,
      SECRET,
      `Basic ${SECRET}`,
      "Bearer kh_abcdefgh_x",
      undefined,
    ]) {
      expect(() => requireInstanceCredential(req(header), SECRET), String(header)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    }
  });

  it("refuses everyone when no credential is configured (fails closed)", () => {
    expect(() => requireInstanceCredential(req(`Bearer ${SECRET}`), undefined)).toThrow(/set METRICS_TOKEN/);
    expect(() => requireInstanceCredential(req("Bearer "), "")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  it("compares digests, so values of different lengths compare without throwing", () => {
    expect(sameSecret("a", "a")).toBe(true);
    expect(sameSecret("a", "ab")).toBe(false);
    expect(sameSecret("", SECRET)).toBe(false);
    expect(bearerValue("Bearer  abc")).toBe("abc");
    expect(bearerValue("Bearer a b")).toBeNull();
    expect(bearerValue(null)).toBeNull();
  });

  it("is read from METRICS_TOKEN, which must be long enough to resist guessing", () => {
    expect(parseEnv({ METRICS_TOKEN: SECRET }).METRICS_TOKEN).toBe(SECRET);
    expect(parseEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
  });
});
