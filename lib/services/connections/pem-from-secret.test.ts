// The customer documentation's case end to end: a PEM stored in the secrets manager on one line with literal
// "\n", read through the AWS provider (official SDK, emulator), selected by key and used as a client certificate:
// for mTLS (HTTPS with client certificate) and for PostgreSQL client-certificate authentication (pg_hba `cert`).
import { createServer, type Server } from "node:https";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import type { CredentialFieldName } from "@/lib/connections/types";
import { testHttpsCertificate } from "@/lib/connections/testers/https-cert";
import { testPostgres } from "@/lib/connections/testers/postgres";
import { clearAwsCredentialCache, createAwsProvider } from "@/lib/secrets/providers/aws";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { selectValue } from "@/lib/secrets/select-value";
import type { SecretRef } from "@/lib/secrets/types";
import { createClientCertPki, oneLinePem } from "@/lib/testing/client-cert-pki";
import { startPostgresCluster } from "@/lib/testing/postgres-cluster";

const pki = createClientCertPki();
const server = pki.server();
const client = pki.client("certuser");
const stranger = pki.client("someone_else");
const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-Pq12Rs`;
const EGRESS = { mode: "public" as const, allowList: ["127.0.0.1"] };

let aws: AwsTestEnv;
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;

beforeAll(async () => {
  const fixture = testFixture();
  const secret = (name: string, secretString: string) => ({ name, region: "us-east-1", accountId: CUSTOMER_ACCOUNT, arnSuffix: "Pq12Rs", secretString });
  fixture.secrets.push(
    secret("tls/client", JSON.stringify({ certificate: oneLinePem(client.certPem), private_key: oneLinePem(client.keyPem), ca: oneLinePem(pki.caPem) })),
    secret("tls/stranger", JSON.stringify({ certificate: oneLinePem(stranger.certPem), private_key: oneLinePem(stranger.keyPem) })),
    secret("tls/client-key-plain", oneLinePem(client.keyPem)),
  );
  aws = await startAwsTestEnv(fixture);
  cluster = await startPostgresCluster({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caPem, hba: ["hostssl all certuser 127.0.0.1/32 cert"] },
  });
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query("CREATE ROLE certuser LOGIN");
  await admin.end();
}, 60_000);
afterAll(async () => {
  await aws?.stop();
  await cluster?.stop();
});

/** Resolves key → reference the way a connection does: one fetch, then key selection. */
async function resolve(fields: Partial<Record<CredentialFieldName, SecretRef>>): Promise<Partial<Record<CredentialFieldName, string>>> {
  clearAwsCredentialCache();
  const provider = createAwsProvider(
    { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } },
    { platformAccountId: "111122223333" },
  );
  const outcomes = await provider.fetchSecrets(Object.values(fields));
  const values: Partial<Record<CredentialFieldName, string>> = {};
  for (const [field, ref] of Object.entries(fields) as Array<[CredentialFieldName, SecretRef]>) {
    const outcome = outcomes.get(secretVersionKey(ref))!;
    if (!outcome.ok) throw outcome.error;
    values[field] = selectValue(ref, outcome.payload);
  }
  return values;
}

const inJson = (secret: string, key: string): SecretRef => ({ kind: "aws", key, arn: arn(secret) });
const pgPort = () => Number(new URL(cluster.adminUrl).port);

describe("PEM from a secret with literal \\n", () => {
  it("the resolved values really hold literal \\n, not newlines", async () => {
    const values = await resolve({ certificate: inJson("tls/client", "certificate") });
    expect(values.certificate).toContain("\\n");
    expect(values.certificate).not.toContain("\n");
  });

  it("authenticates an mTLS request with the certificate and key from the secret", async () => {
    const https: Server = createServer({ cert: server.certPem, key: server.keyPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) =>
      res.end(`hello ${(req.socket as import("node:tls").TLSSocket).getPeerCertificate().subject.CN}`),
    );
    await new Promise<void>((r) => https.listen(0, "127.0.0.1", r));
    try {
      const url = `https://127.0.0.1:${(https.address() as { port: number }).port}/`;
      const values = await resolve({
        certificate: inJson("tls/client", "certificate"),
        private_key: { kind: "aws", key: "tls/client-key-plain", arn: arn("tls/client-key-plain") },
        ca: inJson("tls/client", "ca"),
      });
      const report = await testHttpsCertificate({ settings: { url }, values, egress: EGRESS, timeoutMs: 5_000 });
      expect(report).toMatchObject({ ok: true });
      expect(report.message).toContain("TLS handshake with the client certificate succeeded");
    } finally {
      https.close();
    }
  });

  it("authenticates to PostgreSQL with a client certificate from the secret (pg_hba cert), verify-full against the CA", async () => {
    const values = await resolve({
      certificate: inJson("tls/client", "certificate"),
      private_key: inJson("tls/client", "private_key"),
      ca: inJson("tls/client", "ca"),
    });
    const report = await testPostgres({
      settings: { host: "127.0.0.1", port: pgPort(), database: "postgres", sslMode: "verify-full" },
      values: { user: "certuser", password: "not-used-by-cert-auth", ...values },
      egress: EGRESS,
      timeoutMs: 10_000,
    });
    expect(report).toMatchObject({ ok: true });
    expect(report.message).toContain("as certuser");
  });

  it("is refused by PostgreSQL without a client certificate, or with one for another role", async () => {
    const settings = { host: "127.0.0.1", port: pgPort(), database: "postgres", sslMode: "require" };
    const without = await testPostgres({ settings, values: { user: "certuser", password: "x" }, egress: EGRESS, timeoutMs: 10_000 });
    expect(without.ok).toBe(false);
    const other = await resolve({ certificate: inJson("tls/stranger", "certificate"), private_key: inJson("tls/stranger", "private_key") });
    const wrong = await testPostgres({ settings, values: { user: "certuser", password: "x", ...other }, egress: EGRESS, timeoutMs: 10_000 });
    expect(wrong).toMatchObject({ ok: false });
    expect(wrong.message).toMatch(/certificate authentication failed/);
  });
});
