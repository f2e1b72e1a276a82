// Fault modes that reproduce what real AWS (or what stands in front of it) answers when things go wrong:
// bodies the SDK cannot parse, denials in their real wire form (HTTP 400 JSON / STS 403 XML), per-secret
// errors inside a 200 batch, a role without BatchGetSecretValue, and ListSecrets' eventual consistency.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BatchGetSecretValueCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startAwsTestEnv, type AwsTestEnv } from "./test-harness";
import { CUSTOMER_ACCOUNT, roleArn, TEST_EXTERNAL_ID } from "./test-fixture";
import { resetEmulator } from "../reset";
import type { FaultSpec } from "../types";

let env: AwsTestEnv;
const DB = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd`;
const TOKEN = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/api-token-Ef34Gh`;

async function client(role = "keyhold-full") {
  const sts = new STSClient({ region: "us-east-1", maxAttempts: 1 });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: "faults", ExternalId: TEST_EXTERNAL_ID }));
  const c = out.Credentials!;
  return new SecretsManagerClient({
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId };
  }
  throw new Error("expected the call to fail");
}

/** Raw HTTP, since the SDK hides the body; faults apply before authentication, so no signature is needed. */
const rawCall = (target: string) =>
  fetch(`${env.emulator.url}/`, {
    method: "POST",
    headers: { "x-amz-target": `secretsmanager.${target}`, "content-type": "application/x-amz-json-1.1" },
    body: "{}",
  });

const inject = (fault: FaultSpec) => fetch(`${env.emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify(fault) }).then((r) => r.status);

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => resetEmulator(env.emulator));

describe("AWS emulator faults: bodies the SDK cannot parse", () => {
  it("answers the chosen status with XML, a proxy's HTML page or nothing, without AWS headers", async () => {
    expect(await inject({ kind: "raw", operation: "GetSecretValue", status: 403, body: "html" })).toBe(200);
    const html = await rawCall("GetSecretValue");
    expect([html.status, html.headers.get("content-type"), html.headers.get("x-amzn-requestid")]).toEqual([403, "text/html", null]);
    expect(await html.text()).toContain("<title>403 Forbidden</title>");

    env.emulator.injectFault({ kind: "raw", operation: "ListSecrets", status: 401, body: "xml" });
    const xml = await rawCall("ListSecrets");
    expect([xml.status, xml.headers.get("content-type")]).toEqual([401, "application/xml"]);
    expect(await xml.text()).toContain("<Error><Code>Unauthorized</Code>");

    env.emulator.injectFault({ kind: "raw", operation: "BatchGetSecretValue", status: 503 });
    const empty = await rawCall("BatchGetSecretValue");
    expect([empty.status, empty.headers.get("content-length"), empty.headers.get("retry-after"), await empty.text()]).toEqual([503, "0", "1", ""]);
  });

  it("reaches the unmodified SDK as an unparsed error carrying only the status", async () => {
    const sm = await client();
    env.emulator.injectFault({ kind: "raw", operation: "GetSecretValue", status: 403, body: "html" });
    const html = await failure(sm.send(new GetSecretValueCommand({ SecretId: DB })));
    expect(html.status).toBe(403);
    expect(html.name).not.toBe("AccessDeniedException");
    expect(html.requestId).toBeUndefined();
    env.emulator.injectFault({ kind: "raw", operation: "AssumeRole", status: 502, body: "empty" });
    const sts = new STSClient({ region: "us-east-1", maxAttempts: 1 });
    const assume = await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn("keyhold-full"), RoleSessionName: "x1", ExternalId: TEST_EXTERNAL_ID })));
    expect(assume.status).toBe(502);
  });

  it("refuses a raw fault it cannot play", async () => {
    expect(await inject({ kind: "raw", status: 418 })).toBe(400);
    expect(await inject({ kind: "raw", status: 403, body: "pdf" as "xml" })).toBe(400);
  });
});

describe("AWS emulator faults: denials and per-secret errors in their real wire form", () => {
  it("denied: AccessDeniedException as HTTP 400 JSON naming the caller, STS AccessDenied as 403 XML", async () => {
    const sm = await client();
    env.emulator.injectFault({ kind: "denied", operation: "BatchGetSecretValue" });
    const batch = await failure(sm.send(new BatchGetSecretValueCommand({ SecretIdList: [DB] })));
    expect(batch).toMatchObject({ name: "AccessDeniedException", status: 400 });
    expect(batch.message).toBe(
      `User: arn:aws:sts::${CUSTOMER_ACCOUNT}:assumed-role/keyhold-full/faults is not authorized to perform: secretsmanager:BatchGetSecretValue because no identity-based policy allows the secretsmanager:BatchGetSecretValue action`,
    );
    expect(batch.requestId).toMatch(/^[0-9a-f-]{36}$/);
    env.emulator.injectFault({ kind: "denied", operation: "AssumeRole" });
    const sts = new STSClient({ region: "us-east-1", maxAttempts: 1 });
    const assume = await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn("keyhold-full"), RoleSessionName: "x1", ExternalId: TEST_EXTERNAL_ID })));
    expect(assume).toMatchObject({ name: "AccessDenied", status: 403 });
    // The next call is served normally: a fault applies to `count` requests only.
    expect((await sm.send(new GetSecretValueCommand({ SecretId: DB }))).Name).toBe("prod/db");
  });

  it("batch_entry_error: HTTP 200 with the chosen ErrorCode in Errors[] for one id, the others served", async () => {
    const sm = await client();
    env.emulator.injectFault({ kind: "batch_entry_error", code: "DecryptionFailure", secretId: DB });
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: [DB, TOKEN] }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.SecretValues!.map((v) => v.Name)).toEqual(["prod/api-token"]);
    expect(out.Errors).toEqual([
      { SecretId: DB, ErrorCode: "DecryptionFailure", Message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key." },
    ]);
    env.emulator.injectFault({ kind: "batch_entry_error", code: "AccessDeniedException" });
    const all = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: [DB, "prod/api-token"] }));
    expect(all.Errors!.map((e) => [e.SecretId, e.ErrorCode])).toEqual([
      [DB, "AccessDeniedException"],
      ["prod/api-token", "AccessDeniedException"],
    ]);
    expect(all.Errors![1]!.Message).toContain(`secretsmanager:GetSecretValue on resource: ${TOKEN}`);
    expect(await inject({ kind: "batch_entry_error", code: "Teapot" })).toBe(400);
  });

  it("a role with ListSecrets and GetSecretValue but not BatchGetSecretValue reads one by one only", async () => {
    const sm = await client("keyhold-no-batch");
    const batch = await failure(sm.send(new BatchGetSecretValueCommand({ SecretIdList: [DB] })));
    expect(batch).toMatchObject({ name: "AccessDeniedException", status: 400 });
    expect(batch.message).toContain("secretsmanager:BatchGetSecretValue action");
    expect((await sm.send(new GetSecretValueCommand({ SecretId: DB }))).Name).toBe("prod/db");
    expect((await sm.send(new ListSecretsCommand({ MaxResults: 1 }))).SecretList).toHaveLength(1);
  });

  it("an invalid NextToken is a 400 InvalidNextTokenException", async () => {
    const sm = await client();
    expect(await failure(sm.send(new ListSecretsCommand({ NextToken: "not-a-token" })))).toMatchObject({ name: "InvalidNextTokenException", status: 400 });
  });
});

describe("AWS emulator: ListSecrets lag and call counting", () => {
  it("with setListLag, ListSecrets misses recent changes while reads by id see them", async () => {
    const sm = await client();
    const names = async () => (await sm.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["prod/", "new/"] }] }))).SecretList!.map((s) => s.Name);
    env.emulator.setState({ op: "setListLag", seconds: 60 });
    env.emulator.setState({ op: "createSecret", name: "new/one", region: "us-east-1", accountId: CUSTOMER_ACCOUNT, secretString: "fresh" });
    env.emulator.setState({ op: "deleteSecret", name: "prod/api-token" });
    expect(await names()).toEqual(["prod/db", "prod/api-token", "prod/tls-key"]);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "new/one" }))).SecretString).toBe("fresh");
    env.emulator.setState({ op: "setListLag", seconds: 0 });
    expect(await names()).toEqual(["prod/db", "prod/tls-key", "new/one"]);
  });

  it("counts every call by operation, faulted ones included", async () => {
    const sm = await client();
    env.emulator.injectFault({ kind: "raw", operation: "ListSecrets", status: 500, count: 2 });
    await failure(sm.send(new ListSecretsCommand({})));
    await failure(sm.send(new ListSecretsCommand({})));
    await sm.send(new ListSecretsCommand({}));
    expect(env.emulator.calls()).toEqual({ AssumeRole: 1, ListSecrets: 3 });
  });
});
