import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  destinationMatches,
  destinationOfConnection,
  destinationPatternProblem,
  formatDestination,
  isInsidePolicy,
  isReferenceAllowed,
  parseDestinationPattern,
  secretMatches,
  secretPatternProblem,
  wildcardMatch,
} from "./reference-policy";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
/** The oracle: the same glob as an anchored regular expression with everything but `*` escaped. */
const oracle = (pattern: string, text: string) => new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`, "s").test(text);
// Small alphabets with every regex metacharacter, so generated patterns and texts collide often.
const chars = fc.constantFrom("a", "b", ".", "/", "*", "+", "?", "(", ")", "[", "]", "^", "$", "\\", "|", "{", "}", "-", ":");
const text = fc.string({ unit: chars, maxLength: 12 });
const noStar = fc.string({ unit: chars, maxLength: 12 }).map((s) => s.replaceAll("*", ""));

describe("wildcardMatch", () => {
  it("agrees with an escaped-regex oracle on any pattern and text", () => {
    fc.assert(fc.property(text, text, (p, t) => wildcardMatch(p, t) === oracle(p, t)));
  });

  it("gives every character but * its literal meaning (no regex injection)", () => {
    fc.assert(fc.property(noStar, noStar, (p, t) => wildcardMatch(p, t) === (p === t)));
    expect(wildcardMatch("prod/.+", "prod/db")).toBe(false);
    expect(wildcardMatch("prod/[a-z]", "prod/d")).toBe(false);
    expect(wildcardMatch("a|b", "a")).toBe(false);
  });

  it("a trailing * is a prefix, a leading * a suffix", () => {
    fc.assert(fc.property(noStar, noStar, (prefix, rest) => wildcardMatch(`${prefix}*`, prefix + rest) && wildcardMatch(`*${rest}`, prefix + rest)));
  });

  it("stays fast on patterns built to backtrack", () => {
    const started = performance.now();
    expect(wildcardMatch(`${"*a".repeat(50)}b`, "a".repeat(2000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";

describe("secret patterns", () => {
  it("match AWS names without the ARN suffix, or whole ARNs", () => {
    expect(secretMatches("prod/*", "aws", ARN)).toBe(true);
    expect(secretMatches("prod/db", "aws", ARN)).toBe(true);
    expect(secretMatches("prod/db-AbCdEf", "aws", ARN)).toBe(false);
    expect(secretMatches("staging/*", "aws", ARN)).toBe(false);
    expect(secretMatches("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*", "aws", ARN)).toBe(true);
    expect(secretMatches("arn:aws:secretsmanager:*:999999999999:secret:*", "aws", ARN)).toBe(false);
  });

  it("match Vault engine:path, Azure and Google names", () => {
    expect(secretMatches("secret:prod/*", "vault", "secret:prod/db")).toBe(true);
    expect(secretMatches("secret:prod/*", "vault", "kv1:prod/db")).toBe(false);
    expect(secretMatches("db-*", "azure", "db-password")).toBe(true);
    expect(secretMatches("db-password", "gcp", "db-password-2")).toBe(false);
  });

  it("are validated per provider", () => {
    expect(secretPatternProblem("vault", "prod/*")).toMatch(/engine/);
    expect(secretPatternProblem("aws", "{{workato:sm:x}}")).toMatch(/braces/);
    expect(secretPatternProblem("aws", "prod/*")).toBeNull();
  });
});

describe("destination patterns", () => {
  const dest = { host: "db.eu.example.com", port: 5432 };
  it("match host, host:port and *.domain patterns, case-insensitively", () => {
    expect(destinationMatches("db.eu.example.com", dest)).toBe(true);
    expect(destinationMatches("DB.EU.Example.com:5432", dest)).toBe(true);
    expect(destinationMatches("db.eu.example.com:5433", dest)).toBe(false);
    expect(destinationMatches("*.example.com", dest)).toBe(true);
    expect(destinationMatches("*.example.com:*", dest)).toBe(true);
    expect(destinationMatches("*.example.com", { host: "example.com", port: 443 })).toBe(false);
    expect(destinationMatches("*.example.com", { host: "evilexample.com", port: 443 })).toBe(false);
    expect(destinationMatches("[::1]:8080", { host: "::1", port: 8080 })).toBe(true);
  });

  it("*.domain never matches a host outside that domain", () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,10}$/);
    fc.assert(
      fc.property(label, label, (a, b) => {
        expect(destinationMatches("*.example.com", { host: `${a}.example.com`, port: 1 })).toBe(true);
        expect(destinationMatches("*.example.com", { host: `${a}example.com`, port: 1 })).toBe(false);
        expect(destinationMatches("*.example.com", { host: `${a}.example.com.${b}`, port: 1 })).toBe(false);
      }),
    );
  });

  it("refuses malformed patterns with a message", () => {
    for (const bad of ["", "http://x", "x:0", "x:70000", "a b", "::1", "x/y"]) expect(parseDestinationPattern(bad), bad).toBeNull();
    expect(destinationPatternProblem("x:70000")).toMatch(/ports 1-65535/);
  });
});

describe("destinationOfConnection", () => {
  it("reads each connection type's host and port, with default ports", () => {
    expect(destinationOfConnection("http", { baseUrl: "https://API.example.com/v1" })).toEqual({ host: "api.example.com", port: 443 });
    expect(destinationOfConnection("http", { baseUrl: "http://[::1]:8080" })).toEqual({ host: "::1", port: 8080 });
    expect(destinationOfConnection("https_cert", { url: "https://mtls.example.com:8443/x" })).toEqual({ host: "mtls.example.com", port: 8443 });
    expect(destinationOfConnection("postgres", { host: "db.internal", port: 5432 })).toEqual({ host: "db.internal", port: 5432 });
    expect(destinationOfConnection("http", { baseUrl: "not a url" })).toBeNull();
    expect(formatDestination({ host: "::1", port: 8080 })).toBe("[::1]:8080");
  });
});

describe("a policy", () => {
  const entries = [{ secretPattern: "secret:prod/*", destinations: ["db.example.com:5432", "*.api.example.com"] }];
  it("allows a secret only where one entry names both the secret and the destination", () => {
    expect(isReferenceAllowed(entries, "vault", "secret:prod/db", { host: "db.example.com", port: 5432 })).toBe(true);
    expect(isReferenceAllowed(entries, "vault", "secret:prod/db", { host: "v1.api.example.com", port: 443 })).toBe(true);
    expect(isReferenceAllowed(entries, "vault", "secret:prod/db", { host: "attacker.test", port: 5432 })).toBe(false);
    expect(isReferenceAllowed(entries, "vault", "secret:ops/root", { host: "db.example.com", port: 5432 })).toBe(false);
    expect(isReferenceAllowed(entries, "vault", "secret:prod/db", null)).toBe(false);
    expect(isReferenceAllowed([], "vault", "secret:prod/db", { host: "db.example.com", port: 5432 })).toBe(false);
  });

  it("an entry without destinations marks secrets inside the policy but sends them nowhere", () => {
    const seeded = [{ secretPattern: "prod/*", destinations: [] }];
    expect(isInsidePolicy(seeded, "aws", ARN)).toBe(true);
    expect(isReferenceAllowed(seeded, "aws", ARN, { host: "db.example.com", port: 5432 })).toBe(false);
  });
});
