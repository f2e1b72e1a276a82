// refForIdentity is the inverse of secretIdentity: a listed secret's id turns into the reference of that same
// secret, whatever the id holds (a Vault path with colons, an ARN), so the browser and key names agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refForIdentity, secretIdentity } from "./secret-key";
import type { ProviderKind } from "./types";

const KINDS: ProviderKind[] = ["aws", "azure", "vault", "gcp"];

describe("refForIdentity", () => {
  it("round-trips with secretIdentity for every provider", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string({ minLength: 1 }), fc.string(), (kind, head, tail) => {
        // A Vault identity is "<engine>:<path>"; the engine has no colon, the path may.
        const identity = kind === "vault" ? `${head.replaceAll(":", "")}:${tail}` : head + tail;
        expect(secretIdentity(refForIdentity(kind, identity))).toBe(identity);
      }),
    );
  });

  it("splits a Vault identity at its first colon only", () => {
    expect(refForIdentity("vault", "kv:team:a/b")).toEqual({ kind: "vault", key: "", engine: "kv", path: "team:a/b" });
  });
});
