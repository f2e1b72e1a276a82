// Protocol tests for the emulator: the unmodified SDK and hand-signed raw requests must get what AWS would
// answer, including refusals of bad signatures and unknown keys.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@smithy/core/checksum";
import { startAwsTestEnv, type AwsTestEnv } from "./test-harness";
import { CUSTOMER_ACCOUNT, KMS_KEY, roleArn, TEST_EXTERNAL_ID, TEST_PLATFORM } from "./test-fixture";
import { resetEmulator } from "../reset";

let env: AwsTestEnv;
const DB = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd`;
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const sm = (credentials?: Creds, region = "us-east-1") => new SecretsManagerClient({ region, maxAttempts: 1, credentials });
const sts = (credentials?: Creds) => new STSClient({ region: "us-east-1", maxAttempts: 1, credentials });

async function assume(role = "keyhold-full", externalId = TEST_EXTERNAL_ID) {
  const out = await sts().send(new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: "t-1", ExternalId: externalId }));
  const c = out.Credentials!;
  return { out, creds: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, code: e.code, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

/** Signs a raw Secrets Manager request with the SDK's own signer, so tests can tamper after signing. */
async function signedRequest(target: string, body: string, creds: Creds) {
  const url = new URL(env.emulator.url);
  const signer = new SignatureV4({ credentials: creds, region: "us-east-1", service: "secretsmanager", sha256: Sha256 });
  return signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    query: {},
    headers: { host: url.host, "content-type": "application/x-amz-json-1.1", "x-amz-target": `secretsmanager.${target}` },
    body,
  });
}

const send = (req: { headers: Record<string, string> }, body: string) => fetch(`${env.emulator.url}/`, { method: "POST", headers: req.headers, body });

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => resetEmulator(env.emulator));

describe("AWS emulator: authentication", () => {
  it("refuses a bad SigV4 signature in each protocol's own shape", async () => {
    const wrong = { accessKeyId: TEST_PLATFORM.accessKeyId, secretAccessKey: "not-the-right-secret" };
    expect(await failure(sm(wrong).send(new ListSecretsCommand({})))).toMatchObject({ name: "InvalidSignatureException", status: 400 });
    expect(await failure(sts(wrong).send(new AssumeRoleCommand({ RoleArn: roleArn("keyhold-full"), RoleSessionName: "x1" })))).toMatchObject({
      name: "SignatureDoesNotMatch",
      status: 403,
    });
  });

  it("refuses a body changed after signing, and accepts it untouched", async () => {
    const { creds } = await assume();
    const body = JSON.stringify({ SecretId: DB });
    const req = await signedRequest("GetSecretValue", body, creds);
    const tampered = await send(req, JSON.stringify({ SecretId: "prod/api-token" }));
    expect(tampered.status).toBe(400);
    const payload = (await tampered.json()) as { __type: string; message: string };
    expect(payload.__type).toBe("InvalidSignatureException");
    expect(payload.message).toContain("The Canonical String for this request should have been");
    const ok = await send(req, body);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { Name: string }).Name).toBe("prod/db");
  });

  it("rejects unknown keys and temporary keys without their session token", async () => {
    const unknown = { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever" };
    expect(await failure(sm(unknown).send(new ListSecretsCommand({})))).toMatchObject({ name: "UnrecognizedClientException", status: 400 });
    expect(await failure(sts(unknown).send(new AssumeRoleCommand({ RoleArn: roleArn("keyhold-full"), RoleSessionName: "x1" })))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
    const { creds } = await assume();
    const { sessionToken: _dropped, ...withoutToken } = creds;
    expect(await failure(sm(withoutToken).send(new ListSecretsCommand({})))).toMatchObject({ name: "UnrecognizedClientException" });
  });

  it("answers an unsigned STS call with the Query protocol's XML error", async () => {
    const res = await fetch(`${env.emulator.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=AssumeRole&Version=2011-06-15",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const xml = await res.text();
    expect(xml).toMatch(/<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    expect(xml).toMatch(/<Type>Sender<\/Type>\s*<Code>MissingAuthenticationToken<\/Code>/);
  });
});

describe("AWS emulator: STS AssumeRole", () => {
  it("issues ASIA credentials for one hour with the assumed-role user", async () => {
    const { out } = await assume();
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const ttl = out.Credentials!.Expiration!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/keyhold-full/t-1`);
    const me = await sts((await assume()).creds).send(new GetCallerIdentityCommand({}));
    expect([me.Account, me.Arn]).toEqual([CUSTOMER_ACCOUNT, `arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/keyhold-full/t-1`]);
  });

  it("enforces the trust policy's External ID and principal", async () => {
    expect(await failure(assume("keyhold-full", "workato_iam_external_id_0"))).toMatchObject({ name: "AccessDenied", status: 403 });
    const denied = await failure(assume("keyhold-other-principal"));
    expect(denied.message).toBe(
      `User: arn:aws:iam::111122223333:user/keyhold-platform is not authorized to perform: sts:AssumeRole on resource: ${roleArn("keyhold-other-principal")}`,
    );
  });
});

describe("AWS emulator: Secrets Manager", () => {
  it("resolves names, partial and full ARNs within the signed region only", async () => {
    const client = sm((await assume()).creds);
    for (const id of ["prod/db", DB, DB.slice(0, -7)]) {
      expect((await client.send(new GetSecretValueCommand({ SecretId: id }))).ARN).toBe(DB);
    }
    const elsewhere = sm((await assume()).creds, "eu-west-1");
    expect(await failure(elsewhere.send(new GetSecretValueCommand({ SecretId: "prod/db" })))).toMatchObject({ name: "ResourceNotFoundException" });
    expect((await elsewhere.send(new DescribeSecretCommand({ SecretId: "eu/db" }))).Name).toBe("eu/db");
  });

  it("BatchGetSecretValue reports per-secret errors and refuses more than 20 ids", async () => {
    const client = sm((await assume()).creds);
    const out = await client.send(new BatchGetSecretValueCommand({ SecretIdList: [DB, "prod/missing"] }));
    expect(out.SecretValues!.map((v) => v.Name)).toEqual(["prod/db"]);
    expect(out.Errors).toEqual([
      { SecretId: "prod/missing", ErrorCode: "ResourceNotFoundException", Message: "Secrets Manager can't find the specified secret." },
    ]);
    const ids = Array.from({ length: 21 }, (_, i) => `bulk/secret-${String(i).padStart(2, "0")}`);
    expect(await failure(client.send(new BatchGetSecretValueCommand({ SecretIdList: ids })))).toMatchObject({ name: "ValidationException" });
    const noGet = sm((await assume("keyhold-no-get")).creds);
    const denied = await noGet.send(new BatchGetSecretValueCommand({ SecretIdList: [DB] }));
    expect(denied.Errors![0]).toMatchObject({ SecretId: DB, ErrorCode: "AccessDeniedException" });
  });

  it("checks kms:Decrypt for a customer-managed key, and DescribeSecret names the key", async () => {
    const client = sm((await assume("keyhold-no-kms")).creds);
    expect(await failure(client.send(new GetSecretValueCommand({ SecretId: DB })))).toMatchObject({
      name: "AccessDeniedException",
      message: "Access to KMS is not allowed",
    });
    expect((await client.send(new DescribeSecretCommand({ SecretId: DB }))).KmsKeyId).toBe(KMS_KEY);
  });

  it("pages ListSecrets and applies name filters with negation", async () => {
    const client = sm((await assume()).creds);
    const first = await client.send(new ListSecretsCommand({ MaxResults: 2, Filters: [{ Key: "name", Values: ["prod/"] }] }));
    expect(first.SecretList!.map((s) => s.Name)).toEqual(["prod/db", "prod/api-token"]);
    const rest = await client.send(new ListSecretsCommand({ MaxResults: 2, NextToken: first.NextToken, Filters: [{ Key: "name", Values: ["prod/"] }] }));
    expect(rest.SecretList!.map((s) => s.Name)).toEqual(["prod/tls-key"]);
    const notBulk = await client.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["!bulk/"] }] }));
    expect(notBulk.SecretList!.map((s) => s.Name)).toEqual(["prod/db", "prod/api-token", "prod/tls-key", "canary/secret"]);
    expect(await failure(client.send(new ListSecretsCommand({ NextToken: "garbage" })))).toMatchObject({ name: "InvalidNextTokenException" });
  });
});

describe("AWS emulator: control API", () => {
  it("rotates through POST /_emulator/state, keeping AWSPREVIOUS", async () => {
    const res = await fetch(`${env.emulator.url}/_emulator/state`, {
      method: "POST",
      body: JSON.stringify({ op: "putSecretValue", name: "prod/api-token", secretString: "v2" }),
    });
    expect(res.status).toBe(200);
    const client = sm((await assume()).creds);
    const current = await client.send(new GetSecretValueCommand({ SecretId: "prod/api-token" }));
    expect([current.SecretString, current.VersionStages]).toEqual(["v2", ["AWSCURRENT"]]);
    const previous = await client.send(new GetSecretValueCommand({ SecretId: "prod/api-token", VersionStage: "AWSPREVIOUS" }));
    expect(previous.SecretString).toBe("plain-token-value");
  });

  it("queues faults over HTTP, counts calls by operation, and drops connections", async () => {
    const client = sm((await assume()).creds);
    const post = (path: string, body?: unknown) =>
      fetch(`${env.emulator.url}${path}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await post("/_emulator/faults", { kind: "throttle", operation: "ListSecrets" })).status).toBe(200);
    expect(await failure(client.send(new ListSecretsCommand({})))).toMatchObject({ name: "ThrottlingException", status: 400 });
    await client.send(new ListSecretsCommand({}));
    expect((await post("/_emulator/faults", { kind: "explode" })).status).toBe(400);
    env.emulator.injectFault({ kind: "drop", operation: "ListSecrets" });
    const dropped = await failure(client.send(new ListSecretsCommand({})));
    expect(`${dropped.code} ${dropped.message}`).toMatch(/ECONNRESET|socket hang up/);
    const calls = (await (await fetch(`${env.emulator.url}/_emulator/calls`)).json()) as Record<string, number>;
    expect(calls).toEqual({ AssumeRole: 1, ListSecrets: 3 });
    await post("/_emulator/calls/reset");
    expect(env.emulator.calls()).toEqual({});
  });
});
