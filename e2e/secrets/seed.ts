// Seeding for the secrets-management specs, straight into the server's SQLite file (lib/data imports
// 'server-only', which Playwright cannot load): provider configurations with their auth material encrypted as
// lib/data/provider-configs.ts does, and connections whose credential fields are templates saved under a given
// configuration, indexed in SecretUsage as lib/data/credential-fields.ts does. Plus the emulators' control API.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { encryptValue, generateDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { readMasterKeyFile } from "@/lib/crypto/master-key";
import type { CredentialFieldName } from "@/lib/connections/types";
import { formatReference, parseTemplate } from "@/lib/secrets/references";
import { secretIdentity } from "@/lib/secrets/secret-key";
import type { ProviderKind } from "@/lib/secrets/types";
import { E2E_DIR, E2E_EMULATORS, E2E_ENV } from "../support/e2e-env";
import type { Page } from "@playwright/test";
import { seed, signIn, type SeededWorkspace } from "../fixtures";

const masterKey = () => readMasterKeyFile(E2E_ENV.MASTER_KEY_FILE!);

/** What the emulators' demo fixtures accept. */
export const DEMO = {
  aws: {
    /** Trusts External ID workato_iam_external_id_1_1 until a test points it elsewhere. */
    role: "arn:aws:iam::123456789012:role/keyhold-demo",
    /** The same, without secretsmanager:ListSecrets. */
    noListRole: "arn:aws:iam::123456789012:role/keyhold-no-list",
    region: "us-east-1",
  },
  azure: {
    settings: {
      tenantId: "00000000-0000-0000-0000-0000000000aa",
      clientId: "11111111-2222-3333-4444-555555555555",
      vaultUrl: "https://keyhold-demo.vault.azure.net",
    },
    auth: { clientSecret: "demo-client-secret" },
  },
  vault: {
    settings: () => ({ address: E2E_EMULATORS.vault, approleMount: "approle", roleId: "demo-role-id", roleName: "keyhold-demo" }),
    auth: { secretId: "demo-secret-id" },
  },
  gcp: { projectId: "keyhold-demo" },
};

/** The demo service-account key, pointing at this run's Google emulator (written by the e2e server). */
export function gcpServiceAccountJson(): string {
  const state = JSON.parse(readFileSync(join(E2E_DIR, "emulators.json"), "utf8")) as { urls: { gcpServiceAccountJson: string } };
  return state.urls.gcpServiceAccountJson;
}

const CONTROL: Record<"aws" | "vault" | "azure" | "gcp", string> = {
  aws: E2E_EMULATORS.aws,
  vault: E2E_EMULATORS.vault,
  azure: E2E_EMULATORS.azureProxy,
  gcp: E2E_EMULATORS.gcp,
};

/** POST /_emulator/state: change the provider's world as its admin would (always `reset` afterwards). */
export async function emulatorState(emulator: keyof typeof CONTROL, mutation: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${CONTROL[emulator]}/_emulator/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(mutation),
  });
  if (!res.ok) throw new Error(`${emulator} emulator refused ${JSON.stringify(mutation)}: ${res.status} ${await res.text()}`);
}

export async function resetEmulators(): Promise<void> {
  await Promise.all((Object.keys(CONTROL) as Array<keyof typeof CONTROL>).map((e) => emulatorState(e, { op: "reset" })));
}

interface SeedConfigOptions {
  workspaceId: number;
  /** null: the workspace's configuration. */
  projectId: number | null;
  kind: ProviderKind;
  settings: Record<string, unknown>;
  auth?: Record<string, string>;
  lastTestOk?: boolean;
}

async function seedProviderConfig(o: SeedConfigOptions): Promise<number> {
  const row = await db.secretsProviderConfig.create({
    data: {
      workspaceId: o.workspaceId,
      projectId: o.projectId,
      currentOwnerKey: o.projectId === null ? `w:${o.workspaceId}` : `p:${o.projectId}`,
      kind: o.kind,
      settings: o.settings as Prisma.InputJsonValue,
      ...(o.lastTestOk === undefined
        ? {}
        : { lastTestAt: new Date(), lastTestOk: o.lastTestOk, lastTestSummary: o.lastTestOk ? "Seeded: passed" : "Seeded: failed" }),
    },
    select: { id: true },
  });
  // Seeded connections resolve as before; the reference policy has its own spec (e2e/security/reference-policy.spec.ts).
  await db.referencePolicyEntry.create({ data: { providerConfigId: row.id, secretPattern: "*", destinations: ["*"] } });
  if (o.auth) {
    const dataKey = generateDataKey();
    const enc = encryptValue(JSON.stringify(o.auth), dataKey, `provider-config:${row.id}:auth`);
    await db.secretsProviderConfig.update({
      where: { id: row.id },
      data: { authCiphertext: enc.ciphertext, authIv: enc.iv, authTag: enc.tag, wrappedDataKey: wrapDataKey(dataKey, masterKey()) },
    });
  }
  return row.id;
}

/** An HTTP connection whose credential fields are templates saved under `config`. */
export async function seedConnection(o: {
  workspaceId: number;
  projectId: number;
  name: string;
  config: { id: number; kind: ProviderKind };
  fields: Partial<Record<CredentialFieldName, string>>;
}): Promise<number> {
  const connection = await db.connection.create({
    data: {
      workspaceId: o.workspaceId,
      projectId: o.projectId,
      name: o.name,
      type: "http",
      settings: { baseUrl: E2E_EMULATORS.demoTarget, authKind: "bearer", testPath: "/health" },
      wrappedDataKey: wrapDataKey(generateDataKey(), masterKey()),
    },
    select: { id: true },
  });
  for (const [name, template] of Object.entries(o.fields) as Array<[CredentialFieldName, string]>) {
    const { refs } = parseTemplate(template, o.config.kind);
    await db.credentialField.create({ data: { connectionId: connection.id, name, mode: "template", template, providerConfigId: o.config.id } });
    await db.secretUsage.createMany({
      data: refs.map((ref) => ({
        workspaceId: o.workspaceId,
        projectId: o.projectId,
        connectionId: connection.id,
        fieldName: name,
        providerConfigId: o.config.id,
        secretId: secretIdentity(ref),
        reference: formatReference(ref),
      })),
    });
  }
  return connection.id;
}

interface WorkspaceWithReferences extends SeededWorkspace {
  alpha: { id: number; name: string };
  beta: { id: number; name: string };
  workspaceConfigId: number;
  alphaConfigId: number;
  connections: { alphaApi: string; alphaDb: string; alphaLegacy: string; betaApi: string };
}

/**
 * A workspace in workspace scope whose Vault configuration resolves four connections (five fields); project
 * Alpha has its own tested Vault configuration, project Beta none. After a switch to project scope, Alpha's
 * existing secrets re-point, Alpha's missing one and everything in Beta do not.
 */
export async function seedWorkspaceWithReferences(): Promise<WorkspaceWithReferences> {
  const ws = await seed.workspace({ scope: "workspace" });
  const [alpha, beta] = ws.projects as [{ id: number; name: string }, { id: number; name: string }];
  const vault = { kind: "vault" as const, settings: DEMO.vault.settings(), auth: DEMO.vault.auth };
  const workspaceConfigId = await seedProviderConfig({ workspaceId: ws.id, projectId: null, ...vault, lastTestOk: true });
  const alphaConfigId = await seedProviderConfig({ workspaceId: ws.id, projectId: alpha.id, ...vault, lastTestOk: true });
  const config = { id: workspaceConfigId, kind: "vault" as const };
  const tag = ws.name.split(" ")[1];
  const connections = { alphaApi: `Alpha API ${tag}`, alphaDb: `Alpha DB ${tag}`, alphaLegacy: `Alpha Legacy ${tag}`, betaApi: `Beta API ${tag}` };
  await seedConnection({
    workspaceId: ws.id,
    projectId: alpha.id,
    name: connections.alphaApi,
    config,
    fields: { token: "{{workato:sm:token:secret:prod/api}}" },
  });
  await seedConnection({
    workspaceId: ws.id,
    projectId: alpha.id,
    name: connections.alphaDb,
    config,
    fields: { user: "{{workato:sm:username:secret:prod/db}}", password: "{{workato:sm:password:secret:prod/db}}" },
  });
  await seedConnection({
    workspaceId: ws.id,
    projectId: alpha.id,
    name: connections.alphaLegacy,
    config,
    fields: { token: "{{workato:sm:token:secret:prod/retired}}" },
  });
  await seedConnection({
    workspaceId: ws.id,
    projectId: beta.id,
    name: connections.betaApi,
    config,
    fields: { token: "Bearer {{workato:sm:token:secret:prod/api}}" },
  });
  return { ...ws, alpha, beta, workspaceConfigId, alphaConfigId, connections };
}

/** Signs in and waits until the console has taken the session (the shared helper only clicks "Sign in"). */
export async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
}
