import { describe, expect, it } from "vitest";
import { createClientCertPki, oneLinePem } from "@/lib/testing/client-cert-pki";
import { postgresSsl } from "./postgres-tls";

const pki = createClientCertPki();
const client = pki.client("app");
const lf = (pem: string) => `${pem.replace(/\r\n/g, "\n").trim()}\n`;

describe("postgresSsl", () => {
  it("turns one-line PEMs with literal \\n into the client certificate, key and CA", () => {
    const out = postgresSsl("verify-full", "db.internal", {
      certificate: oneLinePem(client.certPem),
      private_key: oneLinePem(client.keyPem),
      ca: oneLinePem(pki.caPem),
    });
    expect(out).toMatchObject({ ok: true, ssl: { rejectUnauthorized: true, servername: "db.internal" } });
    if (!out.ok || !out.ssl) throw new Error("no ssl");
    expect(out.ssl.cert).toBe(lf(client.certPem));
    expect(out.ssl.key).toBe(lf(client.keyPem));
    expect(out.ssl.ca).toBe(lf(pki.caPem));
  });

  it("needs both the certificate and the key", () => {
    expect(postgresSsl("require", "h", { certificate: client.certPem })).toEqual({
      ok: false,
      message: "Client certificate authentication needs both the certificate and its private key; the private key is missing.",
    });
    expect(postgresSsl("require", "h", { private_key: client.keyPem })).toMatchObject({
      ok: false,
      message: expect.stringContaining("the certificate is missing"),
    });
  });

  it("refuses a client certificate without TLS, and names the field of a bad PEM without echoing it", () => {
    expect(postgresSsl("disable", "h", { certificate: client.certPem, private_key: client.keyPem })).toMatchObject({ ok: false });
    expect(postgresSsl("disable", "h", {})).toEqual({ ok: true, ssl: false });
    const bad = postgresSsl("require", "h", {
      certificate: "-----BEGIN CERTIFICATE-----\\nnot-base64-secret\\n-----END CERTIFICATE-----",
      private_key: client.keyPem,
    });
    expect(bad).toEqual({ ok: false, message: "Client certificate could not be parsed: check that the whole PEM block was pasted." });
  });
});
