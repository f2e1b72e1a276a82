// Workflow secrets follow the connection rules (docs/workflows.md "Destinations", docs/threat-model.md): a
// reference outside the reference policy cannot be mapped, and a secret goes only to the hosts it is bound to
// for that workflow. The attacker is an editor: they may edit every workflow and remap every secret name, but the
// "attacker" listener (a host a project admin allowed for another purpose) must never receive the canary.
// Controls send a secret that may go there, so a refusal for another reason cannot pass for the fix.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import { db } from "@/lib/db";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { addReferencePolicyEntry } from "@/lib/data/reference-policy";
import { getRun } from "@/lib/data/workflow-run-views";
import { createRun } from "@/lib/data/workflow-runs";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { setAllowedHosts } from "@/lib/data/workflow-hosts";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { saveDefinition } from "@/lib/services/workflows/definitions";
import { startRunQueue, type RunQueue } from "@/lib/services/workflows/queue";
import type { ProjectActor } from "@/lib/auth/actor";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";

const CANARY = "canary-wfbind-41d7a9";
const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-Wb12Cd`;
const ref = (name: string) => `{{workato:sm:token:${arn(name)}}}`;

let aws: AwsTestEnv;
let target: http.Server, attacker: http.Server;
let targetHost = "",
  attackerHost = "";
const targetSaw: string[] = [];
const attackerSaw: string[] = [];
let queue: RunQueue;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;

const listen = (server: http.Server) =>
  new Promise<string>((r) => server.listen(0, "127.0.0.1", () => r(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
const recorder = (into: string[]) =>
  http.createServer((req, res) => {
    into.push(`${req.url} ${req.headers.authorization ?? ""}`);
    res.writeHead(200).end("{}");
  });

beforeAll(async () => {
  seeded = await seedWorkspace();
  const fixture = testFixture();
  const secret = (name: string, token: string) => ({
    name,
    region: "us-east-1",
    accountId: CUSTOMER_ACCOUNT,
    arnSuffix: "Wb12Cd",
    secretString: JSON.stringify({ token }),
  });
  fixture.secrets.push(secret("wf/billing", CANARY), secret("wf/export", "export-own-token"), secret("hr/payroll", CANARY));
  const externalId = externalIdFor({ workspaceId: seeded.ws.id });
  aws = await startAwsTestEnv({ ...fixture, roles: fixture.roles.map((r) => ({ ...r, externalId })) });
  clearAwsCredentialCache();
  [target, attacker] = [recorder(targetSaw), recorder(attackerSaw)];
  [targetHost, attackerHost] = [await listen(target), await listen(attacker)];
  await updateEgressPolicy(seeded.wsActor, { mode: "public", allowList: ["127.0.0.1"] });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } });
  // The billing token may go to the billing API only; the export token to the export host only; hr/* nowhere.
  await addReferencePolicyEntry(seeded.wsActor, { secretPattern: "wf/billing", destinations: [targetHost] });
  await addReferencePolicyEntry(seeded.wsActor, { secretPattern: "wf/export", destinations: [attackerHost] });
  queue = startRunQueue({ fetch, limits: { expressionTimeoutMs: 5000 }, pollMs: 20, concurrency: 1 });
}, 60_000);

afterAll(async () => {
  await queue?.stop();
  await aws?.stop();
  await Promise.all([target, attacker].map((s) => new Promise((r) => s.close(r))));
  expect(
    attackerSaw.filter((s) => s.includes(CANARY)),
    "the canary reached the attacker's listener",
  ).toEqual([]);
});

const flow = (name: string, secret: string, host: string) => `document: { dsl: '1.0.0', namespace: attack, name: ${name}, version: '1.0.0' }
use:
  secrets: [${secret}]
do:
  - call:
      call: http
      with:
        method: post
        endpoint: http://${host}/${name}
        headers:
          authorization: Bearer $SECRETS.${secret}
`;

async function save(actor: ProjectActor, source: string): Promise<number> {
  const saved = await saveDefinition(actor, source);
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return saved.id;
}

async function runToEnd(actor: ProjectActor, workflowId: number) {
  const runId = await createRun(actor, workflowId, {}, 15_000);
  queue.notify();
  for (let i = 0; i < 400; i++) {
    const run = await getRun(actor, runId);
    if (["completed", "faulted", "cancelled"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("run did not finish");
}

async function project(index: number) {
  const projectId = seeded.projects[index]!.id;
  const owner = seeded.projectActor(projectId);
  const editor = (await actorWithRoles(seeded.ws.id, projectId, "member", "editor")).project;
  const admin = (await actorWithRoles(seeded.ws.id, projectId, "member", "admin")).project;
  const proof = (a: ProjectActor, at = new Date()) => mintRecentAuth({ userId: a.userId, at });
  return { owner, editor, admin, proof };
}

const AUTHZ = "https://serverlessworkflow.io/spec/1.0.0/errors/authorization";

describe("workflow secrets obey the reference policy and stay bound to their destinations", () => {
  it("a reference outside the policy cannot be mapped, by an editor or an admin", async () => {
    const { editor, admin } = await project(0);
    for (const actor of [editor, admin]) {
      await expect(saveWorkflowSecret(actor, { name: "payroll", kind: "reference", value: ref("hr/payroll") })).rejects.toMatchObject({
        code: "VALIDATION",
        field: "value",
        message: expect.stringMatching(/reference policy/),
      });
    }
    expect(await db.workflowSecret.count({ where: { name: "payroll" } })).toBe(0);
    // Control: a reference inside the policy maps.
    await saveWorkflowSecret(editor, { name: "billing-token", kind: "reference", value: ref("wf/billing") });
  });

  it("an editor cannot send another workflow's secret through this workflow's allowed host", async () => {
    const { owner, editor, admin, proof } = await project(0);
    const billing = await save(owner, flow("billing", "billing-token", targetHost));
    await setAllowedHosts(admin, billing, [targetHost], proof(admin));
    await saveWorkflowSecret(owner, { name: "billing-token", kind: "reference", value: ref("wf/billing") });
    await saveWorkflowSecret(owner, { name: "export-token", kind: "reference", value: ref("wf/export") });
    const exporter = await save(owner, flow("exporter", "export-token", attackerHost));
    await setAllowedHosts(admin, exporter, [attackerHost], proof(admin));
    // Controls: each secret reaches the host it is for.
    expect((await runToEnd(owner, billing)).status).toBe("completed");
    expect(targetSaw.at(-1)).toBe(`/billing Bearer ${CANARY}`);
    expect((await runToEnd(owner, exporter)).status).toBe("completed");
    expect(attackerSaw.at(-1)).toBe("/exporter Bearer export-own-token");

    // The attack: the editor rewrites the exporter to read the billing token; the exporter's host is allowed.
    await save(editor, flow("exporter", "billing-token", attackerHost));
    const stolen = await runToEnd(editor, exporter);
    expect(stolen.status).toBe("faulted");
    expect(stolen.error).toMatchObject({ type: AUTHZ, status: 403, detail: expect.stringMatching(/billing-token .*not bound/) });

    // Re-entering the mapping binds it to the exporter's host, but the reference policy still refuses that host.
    await saveWorkflowSecret(editor, { name: "billing-token", kind: "reference", value: ref("wf/billing") });
    const again = await runToEnd(editor, exporter);
    expect(again.status).toBe("faulted");
    expect(again.error).toMatchObject({ type: AUTHZ, detail: expect.stringMatching(/reference policy/) });
  });

  it("widening the allow-list binds the workflow's secrets only with a project admin's recent password", async () => {
    const { owner, editor, admin, proof } = await project(1);
    await saveWorkflowSecret(owner, { name: "billing-token", kind: "reference", value: ref("wf/billing") });
    const billing = await save(owner, flow("billing", "billing-token", targetHost));
    // Mapped before any host was allowed: bound nowhere, so nothing is sent.
    const before = targetSaw.length;
    expect((await runToEnd(owner, billing)).error).toMatchObject({ type: AUTHZ });
    expect(targetSaw.length).toBe(before);

    await expect(setAllowedHosts(editor, billing, [targetHost], proof(editor))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setAllowedHosts(admin, billing, [targetHost], undefined)).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    await expect(setAllowedHosts(admin, billing, [targetHost], proof(editor))).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    const stale = new Date(Date.now() - 6 * 60_000);
    await expect(setAllowedHosts(admin, billing, [targetHost], proof(admin, stale))).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    await setAllowedHosts(admin, billing, [targetHost], proof(admin));
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: billing, action: "workflow.hosts.changed" }, orderBy: { id: "desc" } });
    expect(event.detail).toMatchObject({ before: [], after: [targetHost], how: "confirmed", secretsBound: ["billing-token"] });
    expect((await runToEnd(owner, billing)).status).toBe("completed");
    expect(targetSaw.at(-1)).toBe(`/billing Bearer ${CANARY}`);

    // Removing the host removes the binding: putting it back needs the confirmation again.
    await setAllowedHosts(admin, billing, [], proof(admin));
    expect(await db.workflowSecretBinding.count({ where: { workflowId: billing } })).toBe(0);
  });

  it("a binding changed behind the save path is refused at use (defence in depth)", async () => {
    const { owner, admin, proof } = await project(1);
    const id = await save(owner, flow("moved", "billing-token", targetHost));
    await saveWorkflowSecret(owner, { name: "billing-token", kind: "reference", value: ref("wf/billing") });
    await setAllowedHosts(admin, id, [targetHost], proof(admin));
    // A restored backup or a bug adds the attacker's host to the allow-list without a binding.
    await db.workflowAllowedHost.create({ data: { workflowId: id, pattern: attackerHost } });
    await save(owner, flow("moved", "billing-token", attackerHost));
    const run = await runToEnd(owner, id);
    expect(run.error).toMatchObject({ type: AUTHZ, detail: expect.stringMatching(/not bound/) });
  });
});
