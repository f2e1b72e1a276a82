import { describe, expect, it } from "vitest";
import { SecretsError } from "./errors";
import { selectValue } from "./select-value";
import type { SecretPayload, SecretRef } from "./types";

const CANARY = "canary-Zq9!value";
const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const aws = (key: string): SecretRef => ({ kind: "aws", key, arn: ARN });
const text = (t: string): SecretPayload => ({ text: t });
const bytes = (...b: number[]): SecretPayload => ({ binary: Uint8Array.from(b) });

function failure(fn: () => unknown): SecretsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SecretsError);
    const e = err as SecretsError;
    // The value must not leak through any field a UI or API could show.
    expect(JSON.stringify(e.toJSON())).not.toContain(CANARY);
    expect(e.message).not.toContain(CANARY);
    return e;
  }
  throw new Error("expected a SecretsError");
}

describe("selectValue for AWS", () => {
  const json = text(JSON.stringify({ username: "app", password: CANARY, port: 5432, tls: true, opts: { a: 1 }, none: null }));

  it("selects a key of a JSON secret, stringifying non-strings", () => {
    expect(selectValue(aws("password"), json)).toBe(CANARY);
    expect(selectValue(aws("port"), json)).toBe("5432");
    expect(selectValue(aws("tls"), json)).toBe("true");
    expect(selectValue(aws("opts"), json)).toBe('{"a":1}');
    expect(selectValue(aws("none"), json)).toBe("");
  });

  it("lists the key names, never the values, when the key is missing", () => {
    const err = failure(() => selectValue(aws("pasword"), json));
    expect(err.code).toBe("key_not_found");
    expect(err.suggestions).toStrictEqual(["username", "password", "port", "tls", "opts", "none"]);
    expect(err.message).toContain('Key "pasword" not found in secret prod/db');
  });

  it("does not resolve inherited properties", () => {
    expect(failure(() => selectValue(aws("constructor"), json)).code).toBe("key_not_found");
    expect(failure(() => selectValue(aws("__proto__"), json)).code).toBe("key_not_found");
  });

  it("uses a plain-text secret whole when the key is the secret's name", () => {
    expect(selectValue(aws("prod/db"), text(CANARY))).toBe(CANARY);
    expect(selectValue(aws("prod/db"), text("[1,2]"))).toBe("[1,2]");
    const err = failure(() => selectValue(aws("password"), text(CANARY)));
    expect(err.message).toContain("not a key/value secret");
  });

  it("uses a JSON secret whole when the first segment is the secret's name and not one of its keys", () => {
    expect(selectValue(aws("prod/db"), json)).toBe(JSON.stringify({ username: "app", password: CANARY, port: 5432, tls: true, opts: { a: 1 }, none: null }));
    // A key named like the secret wins over the whole secret.
    expect(selectValue(aws("prod/db"), text(JSON.stringify({ "prod/db": "the-key", other: 1 })))).toBe("the-key");
    // A name differing from the ARN's secret name is still only a key.
    expect(failure(() => selectValue(aws("prod/db-AbCdEf"), json)).code).toBe("key_not_found");
  });

  it("uses a binary secret whole, by name only, when its bytes are UTF-8 text", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    expect(selectValue(aws("prod/db"), { binary: new TextEncoder().encode(pem) })).toBe(pem);
    expect(selectValue(aws("prod/db"), { binary: new TextEncoder().encode("héllo") })).toBe("héllo");
    expect(failure(() => selectValue(aws("password"), { binary: new TextEncoder().encode(CANARY) })).code).toBe("key_not_found");
  });

  it("refuses a binary secret that is not text, saying why, instead of handing on bytes no field can use", () => {
    const err = failure(() => selectValue(aws("prod/db"), bytes(0xff, 0xfe, 0x00, 0x80)));
    expect(err).toMatchObject({ code: "invalid_reference", category: "configuration" });
    expect(err.message).toBe("The secret prod/db is binary (SecretBinary) and not UTF-8 text; connection fields take text.");
  });
});

describe("selectValue for Vault", () => {
  const ref: SecretRef = { kind: "vault", key: "password", engine: "kv/team", path: "apps/db" };

  it("selects a key of the KV data", () => {
    expect(selectValue(ref, text(JSON.stringify({ password: CANARY, ttl: 30 })))).toBe(CANARY);
    expect(selectValue({ ...ref, key: "ttl" }, text(JSON.stringify({ password: CANARY, ttl: 30 })))).toBe("30");
  });

  it("names the path and the keys it has when the key is missing", () => {
    const err = failure(() => selectValue(ref, text(JSON.stringify({ user: CANARY }))));
    expect(err.message).toBe('Key "password" not found in secret kv/team/apps/db. It has: user.');
    expect(failure(() => selectValue(ref, text(CANARY))).suggestions).toStrictEqual([]);
  });
});

describe("selectValue for Azure and Google", () => {
  it("uses the whole value, decoding binary as UTF-8", () => {
    expect(selectValue({ kind: "azure", name: "db" }, text(`{"password":"${CANARY}"}`))).toBe(`{"password":"${CANARY}"}`);
    expect(selectValue({ kind: "gcp", secretId: "db" }, { binary: new TextEncoder().encode(CANARY) })).toBe(CANARY);
    expect(selectValue({ kind: "gcp", secretId: "db", version: "3" }, text(CANARY))).toBe(CANARY);
  });
});
