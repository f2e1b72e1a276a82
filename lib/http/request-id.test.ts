import { describe, expect, it } from "vitest";
import { isValidRequestId, requestIdFrom } from "./request-id";

describe("request ids", () => {
  it("keeps a caller's plausible id and replaces anything else", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "lb-4f1c2a9e-0001" }))).toBe("lb-4f1c2a9e-0001");
    for (const bad of ["short", "has space in it", "line\nbreak-injected", "x".repeat(129), "<script>alert(1)</script>"]) {
      expect(isValidRequestId(bad)).toBe(false);
      const id = requestIdFrom(new Headers({ "x-request-id": bad.replace("\n", " ") }));
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
