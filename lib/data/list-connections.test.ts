import { describe, expect, it } from "vitest";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { createConnection } from "./connections";
import { listConnections } from "./projects";
import { saveProviderConfig } from "./provider-configs";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { switchSecretsScope, previewScopeSwitch } from "./secrets-scope";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };

describe("connections list flags (both databases)", () => {
  it("flags exactly the connections whose references were saved under another configuration", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, aws);
    await allowAllReferences(wsActor);
    const actor = projectActor(projects[0]!.id);
    await createConnection(actor, {
      name: "With ref",
      type: "postgres",
      settings: { host: "db.internal", port: 5432 },
      credentials: { password: { mode: "set", value: `{{workato:sm:password:${ARN}}}` } },
    });
    await createConnection(actor, { name: "Literal only", type: "postgres", settings: {}, credentials: { password: { mode: "set", value: "x" } } });
    const flags = async () => Object.fromEntries((await listConnections(actor)).rows.map((r) => [r.name, r.scopeChanged]));
    expect(await flags()).toEqual({ "Literal only": false, "With ref": false });
    const { scopeVersion } = await previewScopeSwitch(wsActor);
    await switchSecretsScope(wsActor, { to: "project", expectedVersion: scopeVersion });
    expect(await flags()).toEqual({ "Literal only": false, "With ref": true });
    await switchSecretsScope(wsActor, { to: "workspace", expectedVersion: scopeVersion + 1 });
    expect(await flags()).toEqual({ "Literal only": false, "With ref": false });
  });

  it("pages and counts", async () => {
    const { projects, projectActor } = await seedWorkspace("workspace");
    const actor = projectActor(projects[0]!.id);
    for (let i = 0; i < 30; i++) await createConnection(actor, { name: `C${String(i).padStart(2, "0")}`, type: "http", settings: {}, credentials: {} });
    const list = await listConnections(actor, { page: 2, pageSize: 10 });
    expect(list.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `C${String(i + 10).padStart(2, "0")}`));
    expect(list.total).toBe(30);
    expect(list.rows.every((r) => r.scopeChanged === false)).toBe(true);
  });
});
