import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSecretsError } from "@/lib/secrets/errors";
import { parseApiEndpoint, parseServiceAccountKey } from "./session";

describe("parseApiEndpoint", () => {
  it("defaults to Google over HTTPS on 443", () => {
    expect(parseApiEndpoint("")).toEqual({ apiEndpoint: "secretmanager.googleapis.com", port: 443, protocol: "https" });
    expect(parseApiEndpoint("secretmanager.googleapis.com")).toEqual({ apiEndpoint: "secretmanager.googleapis.com", port: 443, protocol: "https" });
    expect(parseApiEndpoint("https://private.googleapis.com:8443/")).toEqual({ apiEndpoint: "private.googleapis.com", port: 8443, protocol: "https" });
  });

  it("takes a plain-http URL for a loopback emulator only", () => {
    expect(parseApiEndpoint("http://127.0.0.1:4123")).toEqual({ apiEndpoint: "127.0.0.1", port: 4123, protocol: "http" });
    expect(parseApiEndpoint("http://localhost:80")).toEqual({ apiEndpoint: "localhost", port: 80, protocol: "http" });
    for (const bad of ["http://secrets.example.com", "ftp://127.0.0.1", "https://host/v1/projects", "https://user@host"]) {
      const result = parseApiEndpoint(bad);
      expect(isSecretsError(result) && result.code).toBe("invalid_configuration");
    }
  });
});

describe("parseServiceAccountKey", () => {
  const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const valid = {
    type: "service_account",
    client_email: "a@p.iam.gserviceaccount.com",
    private_key: pem,
    private_key_id: "k1",
    project_id: "p",
    token_uri: "x",
  };

  it("keeps only what the SDK needs from a service-account key", () => {
    expect(parseServiceAccountKey(JSON.stringify(valid))).toEqual({
      client_email: "a@p.iam.gserviceaccount.com",
      private_key: pem,
      private_key_id: "k1",
      project_id: "p",
    });
  });

  it("refuses other credential types and unusable keys without echoing them", () => {
    const cases: Array<[string, string]> = [
      ["nope", "not valid JSON"],
      ["[]", "not a JSON object"],
      [JSON.stringify({ ...valid, type: "external_account" }), '"external_account"'],
      [JSON.stringify({ ...valid, client_email: undefined }), "client_email"],
      [JSON.stringify({ ...valid, private_key: "-----BEGIN PRIVATE KEY-----\nSECRETBYTES\n-----END PRIVATE KEY-----" }), "PEM"],
    ];
    for (const [json, hint] of cases) {
      const result = parseServiceAccountKey(json);
      if (!isSecretsError(result)) throw new Error(`accepted ${json}`);
      expect(result.code).toBe("gcp_invalid_credentials");
      expect(result.message).toContain(hint);
      expect(result.message).not.toContain("SECRETBYTES");
    }
  });
});
