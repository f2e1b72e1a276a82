// A permission revoked at the provider reaches the next run once the cached value is gone (the TTL, or a cache
// clear: what "Refresh" does): reading the secret raises the authorization error, which a `try` catches as
// written, and which faults a run that does not catch it. The secret's value is not sent after the revocation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import type { ProjectActor } from "@/lib/auth/actor";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { getRun } from "@/lib/data/workflow-run-views";
import { createRun } from "@/lib/data/workflow-runs";
import { setAllowedHosts } from "@/lib/data/workflow-hosts";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import { clearWorkspaceCache } from "../secrets/cache-control";
import { saveDefinition } from "./definitions";
import { startRunQueue, type RunQueue } from "./queue";

const TOKEN = "canary-revoked-5b20c1";
const ARN = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:wf/revoked-Rv12Kd`;
const AUTHZ = "https://serverlessworkflow.io/spec/1.0.0/errors/authorization";
let aws: AwsTestEnv;
let target: LocalTarget;
let queue: RunQueue;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
let actor: ProjectActor;

beforeAll(async () => {
  seeded = await seedWorkspace();
  actor = seeded.projectActor(seeded.projects[0]!.id);
  const fixture = testFixture();
  fixture.secrets.push({
    name: "wf/revoked",
    region: "us-east-1",
    accountId: CUSTOMER_ACCOUNT,
    arnSuffix: "Rv12Kd",
    secretString: JSON.stringify({ token: TOKEN }),
  });
  const externalId = externalIdFor({ workspaceId: seeded.ws.id });
  aws = await startAwsTestEnv({ ...fixture, roles: fixture.roles.map((r) => ({ ...r, externalId })) });
  clearAwsCredentialCache();
  target = await startWorkflowTarget({ apiKey: "unused", clientId: "c", clientSecret: "s" });
  await updateEgressPolicy(seeded.wsActor, { mode: "public", allowList: ["127.0.0.1"] });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
  await saveWorkflowSecret(actor, { name: "api-token", kind: "reference", value: `{{workato:sm:token:${ARN}}}` });
  queue = startRunQueue({ fetch, limits: { expressionTimeoutMs: 5000 }, pollMs: 20, concurrency: 1 });
}, 60_000);

afterAll(async () => {
  await queue?.stop();
  await target?.close();
  await aws?.stop();
});

const call =
  "call: http\n      with:\n        method: get\n        endpoint: {url}/echo\n        headers:\n          authorization: Bearer $SECRETS.api-token\n";
const strict = (url: string) => `document: { dsl: '1.0.0', namespace: revoke, name: strict, version: '1.0.0' }
use:
  secrets: [api-token]
do:
  - callApi:
      ${call.replace("{url}", url)}`;
const caught = (url: string) => `document: { dsl: '1.0.0', namespace: revoke, name: caught, version: '1.0.0' }
use:
  secrets: [api-token]
do:
  - guarded:
      try:
        - callApi:
            ${call.replace("{url}", url).replaceAll("\n      ", "\n            ")}
      catch:
        errors:
          with:
            type: ${AUTHZ}
        as: secretError
        do:
          - fallback:
              set: { usedFallback: true }
`;

async function save(source: string) {
  const saved = await saveDefinition(actor, source);
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  await setAllowedHosts(actor, saved.id, [new URL(target.url).host], mintRecentAuth({ userId: actor.userId, at: new Date() }));
  return saved.id;
}

async function run(workflowId: number) {
  const runId = await createRun(actor, workflowId, {}, 15_000);
  queue.notify();
  for (let i = 0; i < 400; i++) {
    const r = await getRun(actor, runId);
    if (["completed", "faulted", "cancelled"].includes(r.status)) return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error("run did not finish");
}

describe("a permission revoked in the provider", () => {
  it("is served from the cache until it is cleared, then raises the authorization error: caught as written, or faulting", async () => {
    const strictId = await save(strict(target.url));
    const caughtId = await save(caught(target.url));
    expect((await run(strictId)).status).toBe("completed");
    aws.emulator.setState({
      op: "setRolePermissions",
      roleArn: roleArn("keyhold-full"),
      permissions: [{ actions: ["secretsmanager:ListSecrets"], resources: ["*"] }],
    });
    // Within the TTL the cached value still serves (docs/cache.md): the revocation is not seen yet.
    expect((await run(strictId)).status).toBe("completed");
    await clearWorkspaceCache(seeded.ws.id); // "Refresh": the next read goes to the provider
    const sentBefore = target.requests.length;
    const faulted = await run(strictId);
    expect(faulted).toMatchObject({ status: "faulted", error: { type: AUTHZ, instance: "/do/0/callApi" } });
    expect(JSON.stringify(faulted.error)).not.toContain(TOKEN);
    const handled = await run(caughtId);
    expect(handled).toMatchObject({ status: "completed", output: { usedFallback: true } });
    expect(target.requests.length).toBe(sentBefore); // nothing was sent once the secret could not be read
  });
});
