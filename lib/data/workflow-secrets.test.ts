import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { saveProviderConfig } from "./provider-configs";
import { usersOfSecrets } from "./secret-usage";
import { listWorkflowSecrets, loadWorkflowSecretsForRun, saveWorkflowSecret, workflowSecretsResolvingThrough } from "./workflow-secrets";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-token-b7Rt2L";
const REF = `{{workato:sm:token:${ARN}}}`;
const awsConfig = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };
const CANARY = "canary-wf-literal-77d0a1";

describe("workflow secrets (real SQLite)", () => {
  it("stores literals encrypted, references with the active configuration, and lists neither value", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const { id: configId } = await saveProviderConfig(wsActor, awsConfig);
    await allowAllReferences(wsActor);
    const actor = projectActor(projects[0]!.id);
    await saveWorkflowSecret(actor, { name: "lit", kind: "literal", value: CANARY });
    await saveWorkflowSecret(actor, { name: "api-token", kind: "reference", value: REF });
    expect(await listWorkflowSecrets(actor)).toEqual([
      { name: "api-token", kind: "reference", template: REF, current: true },
      { name: "lit", kind: "literal", template: null, current: true },
    ]);
    expect(await databaseFilesContain(CANARY)).toBe(false);
    const audit = await db.auditEvent.findMany({ where: { projectId: actor.projectId, action: "workflow.secret.mapped" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(CANARY);
    const forRun = await loadWorkflowSecretsForRun(actor, ["lit", "api-token", "missing"]);
    expect(forRun.secrets.find((s) => s.name === "lit")).toMatchObject({ kind: "literal", value: CANARY });
    expect(forRun.active?.id).toBe(configId);
  });

  it("refuses a JSON secret that is not one lone reference, and references without an active provider", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await expect(saveWorkflowSecret(actor, { name: "x", kind: "reference", value: REF })).rejects.toMatchObject({ code: "VALIDATION", field: "value" });
    await saveProviderConfig(wsActor, awsConfig);
    await expect(saveWorkflowSecret(actor, { name: "x", kind: "json-reference", value: `Bearer ${REF}` })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(saveWorkflowSecret(actor, { name: "bad name!", kind: "literal", value: "v" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("shows workflow secrets in 'used by' and in what a scope switch breaks", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const { id: configId } = await saveProviderConfig(wsActor, awsConfig);
    await allowAllReferences(wsActor);
    const actor = projectActor(projects[0]!.id);
    await saveWorkflowSecret(actor, { name: "api-token", kind: "reference", value: REF });
    const usage = await db.workflowSecretUsage.findFirstOrThrow({ where: { projectId: actor.projectId } });
    const users = await usersOfSecrets(wsActor, configId, [usage.secretId]);
    expect(users.get(usage.secretId)).toEqual([expect.objectContaining({ connectionId: 0, workflowSecret: "api-token", projectId: actor.projectId })]);
    const byProject = new Map(projects.map((p) => [p.id, configId]));
    expect(await workflowSecretsResolvingThrough(wsActor.workspaceId, byProject)).toEqual([
      { projectId: actor.projectId, projectName: projects[0]!.name, name: "api-token" },
    ]);
  });
});
