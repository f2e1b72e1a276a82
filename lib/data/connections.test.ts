import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { seedWorkspace, actorWithRoles } from "@/lib/testing/seed-actors";
import { createConnection, getConnection, updateConnection, deleteConnection } from "./connections";
import { saveProviderConfig } from "./provider-configs";
import { allowAllReferences } from "@/lib/testing/reference-policy";

const CANARY = "canary-literal-5d1e77";
const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const awsConfig = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };

describe("connections with credential fields (real SQLite)", () => {
  it("encrypts literals: the canary is nowhere in the database file", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const id = await createConnection(actor, {
      name: "Orders DB",
      type: "postgres",
      settings: { host: "db.internal", port: 5432, database: "orders", sslMode: "require" },
      credentials: { user: { mode: "set", value: "orders_app" }, password: { mode: "set", value: CANARY } },
    });
    const view = await getConnection(actor, id);
    expect(view.fields.map((f) => [f.name, f.mode, f.template])).toEqual([
      ["password", "literal", null],
      ["user", "literal", null],
    ]);
    expect(JSON.stringify(view)).not.toContain(CANARY);
    const row = await db.credentialField.findFirstOrThrow({ where: { connectionId: id, name: "password" } });
    expect(row.ciphertext).not.toBeNull();
    expect(await databaseFilesContain(CANARY)).toBe(false);
    // A positive control: the scan does see plaintext columns (the host is not secret).
    expect(await databaseFilesContain("db.internal")).toBe(true);
    expect(await databaseFilesContain("orders_app")).toBe(false);
    const audit = await db.auditEvent.findMany({ where: { targetId: id, action: "connection.created" } });
    expect(JSON.stringify(audit)).not.toContain(CANARY);
  });

  it("stores a template with the active configuration and indexes each reference", async () => {
    const { ws, projects, wsActor, projectActor } = await seedWorkspace("workspace");
    const { id: configId } = await saveProviderConfig(wsActor, awsConfig);
    await allowAllReferences(wsActor);
    const actor = projectActor(projects[0]!.id);
    const id = await createConnection(actor, {
      name: "API",
      type: "http",
      settings: { baseUrl: "https://api.example.com", authKind: "bearer", testPath: "/" },
      credentials: { token: { mode: "set", value: `Bearer {{workato:sm:token:${ARN}}}` } },
    });
    const field = await db.credentialField.findFirstOrThrow({ where: { connectionId: id, name: "token" } });
    // The text around the reference ("Bearer ") is encrypted like a literal; the column keeps it masked.
    expect(field).toMatchObject({ mode: "template", providerConfigId: configId, template: `••••{{workato:sm:token:${ARN}}}` });
    expect(field.ciphertext).not.toBeNull();
    const usages = await db.secretUsage.findMany({ where: { connectionId: id } });
    expect(usages).toEqual([
      expect.objectContaining({ workspaceId: ws.id, fieldName: "token", providerConfigId: configId, secretId: ARN, reference: `{{workato:sm:token:${ARN}}}` }),
    ]);
    // Replacing the value with a literal drops the reverse-index rows.
    await updateConnection(actor, id, {
      name: "API",
      type: "http",
      settings: { baseUrl: "https://api.example.com", authKind: "bearer", testPath: "/" },
      credentials: { token: { mode: "set", value: "plain" } },
    });
    expect(await db.secretUsage.count({ where: { connectionId: id } })).toBe(0);
  });

  it("refuses a malformed reference with the field, column and expected format", async () => {
    const { projects, wsActor, projectActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, awsConfig);
    await expect(
      createConnection(projectActor(projects[0]!.id), {
        name: "Bad",
        type: "postgres",
        settings: { host: "h", port: 5432, database: "d", sslMode: "disable" },
        credentials: { password: { mode: "set", value: "{{workato:sm:password:arn:aws:secretsmanager:us-east-1:123:secret:x}}" } },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      field: "password",
      message: expect.stringMatching(/column \d+.*Expected \{\{workato:sm:<key>:<secret ARN>\}\}/),
    });
    expect(await db.connection.count({ where: { name: "Bad" } })).toBe(0);
  });

  it("refuses references when no provider is active", async () => {
    const { projects, projectActor } = await seedWorkspace("project");
    await expect(
      createConnection(projectActor(projects[0]!.id), {
        name: "NoProv",
        type: "http",
        settings: {},
        credentials: { token: { mode: "set", value: `{{workato:sm:token:${ARN}}}` } },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "token" });
  });

  it("refuses a bad PEM naming the field, and accepts escaped newlines", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await expect(
      createConnection(actor, {
        name: "Cert",
        type: "https_cert",
        settings: { url: "https://x" },
        credentials: { certificate: { mode: "set", value: "-----BEGIN CERTIFICATE-----\\nnope\\n-----END CERTIFICATE-----" } },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "certificate", message: expect.stringContaining("Client certificate could not be parsed") });
  });

  it("viewers cannot change connections; other projects' connections are unknown", async () => {
    const { ws, projects, projectActor } = await seedWorkspace();
    const id = await createConnection(projectActor(projects[0]!.id), { name: "C", type: "http", settings: {}, credentials: {} });
    const viewer = await actorWithRoles(ws.id, projects[0]!.id, "member", "viewer");
    await expect(deleteConnection(viewer.project, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getConnection(projectActor(projects[1]!.id), id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteConnection(projectActor(projects[0]!.id), id);
    expect(await db.connection.count({ where: { id } })).toBe(0);
  });
});
