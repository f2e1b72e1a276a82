import { describe, expect, it } from "vitest";
import { REDACTED, Scrubber } from "./scrub";

describe("Scrubber", () => {
  const secret = 'p@ss w/"rd+1';
  const s = new Scrubber();
  s.add(secret);

  it.each([
    ["the exact value", secret],
    ["base64", Buffer.from(secret).toString("base64")],
    ["base64url without padding", Buffer.from(secret).toString("base64url")],
    ["URL-encoded", encodeURIComponent(secret)],
    ["form-encoded", new URLSearchParams({ v: secret }).toString().slice(2)],
    ["JSON-escaped", JSON.stringify(secret).slice(1, -1)],
  ])("replaces %s", (_name, form) => {
    expect(s.text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it("scrubs keys and values at any depth, and each string of a JSON secret", () => {
    const t = new Scrubber();
    t.add(JSON.stringify({ username: "svc-account", password: "hunter22" }));
    expect(t.value({ a: ["x hunter22", { "svc-account": 1 }], n: 3 })).toEqual({ a: [`x ${REDACTED}`, { [REDACTED]: 1 }], n: 3 });
  });

  it("leaves values too short to matter alone", () => {
    const t = new Scrubber();
    t.add("ab");
    expect(t.text("about abba")).toBe("about abba");
  });
});
