// Threat 2 (references read secrets the editor was never meant to see): an editor adds a header
// `X-Anything: {{workato:sm:…}}` naming a secret the provider role can read to a connection pointed at their own
// host, and clicks Test. The "attacker" listener below is that host, allow-listed in the workspace egress
// policy: the file fails if it ever receives the canary. Each test also makes a control request that does
// reach it, so a refusal by the egress policy cannot pass for the fix (docs/threat-model.md "Reference policy").
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createConnection } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { addReferencePolicyEntry } from "@/lib/data/reference-policy";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { startDemoVault } from "@/e2e/emulators/vault/testing";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import { countCalls } from "@/e2e/emulators/count-calls";
import { forgetVaultSessions } from "@/lib/secrets/providers/vault";

const CANARY = "canary-root-secret-41c9e";
const CANARY_REF = "{{workato:sm:password:secret:ops/root}}";
let listener: http.Server;
let port = 0;
const received: string[] = [];
let vault: RunningVaultEmulator;

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    received.push(`${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => listener.close(r));
  expect(
    received.filter((r) => r.includes(CANARY)),
    "the attacker's listener received the canary",
  ).toEqual([]);
});
beforeEach(async () => {
  vault = await startDemoVault();
  vault.setState({ op: "putSecret", mount: "secret", path: "ops/root", data: { password: CANARY } });
});
afterEach(async () => {
  forgetVaultSessions();
  await vault.close();
});

/** A workspace whose Vault configuration reads the canary, with the listener and the emulator allow-listed. */
async function setup() {
  const { ws, projects, wsActor } = await seedWorkspace();
  const projectId = projects[0]!.id;
  await updateEgressPolicy(wsActor, { mode: "public", allowList: ["127.0.0.1"] });
  const config = await saveProviderConfig(wsActor, {
    kind: "vault",
    settings: { address: vault.url, approleMount: "approle", roleId: "demo-role-id" },
    auth: { secretId: "demo-secret-id" },
  });
  const editor = (await actorWithRoles(ws.id, projectId, "member", "editor")).project;
  return { ws, wsActor, projectId, configId: config.id, editor };
}

const headerConnection = (name: string, value: string) => ({
  name,
  type: "http" as const,
  settings: { baseUrl: `http://127.0.0.1:${port}`, authKind: "header", headerName: "X-Anything", testPath: "/" },
  credentials: { header_value: { mode: "set" as const, value } },
});

describe("an editor cannot send a secret outside the reference policy to their own host", () => {
  it("refuses the reference at save, naming the secret, the destination and who may allow it", async () => {
    const { editor } = await setup();
    const control = await createConnection(editor, headerConnection("Control", "plain-literal-value"));
    const before = received.length;
    expect(await runConnectionTest(editor, control)).toMatchObject({ ok: true });
    expect(received.slice(before).join("\n")).toContain("plain-literal-value"); // control: the listener is reachable

    const attempt = createConnection(editor, headerConnection("Exfiltrate", `prefix ${CANARY_REF}`));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "VALIDATION",
      field: "header_value",
      message: expect.stringMatching(/secret:ops\/root.*127\.0\.0\.1:\d+.*not allowed by the reference policy of .*ask a workspace admin to add it/),
    });
    expect(await db.connection.count({ where: { name: "Exfiltrate", projectId: editor.projectId } })).toBe(0);
  });

  it("refuses at resolution too, before any provider call, when a stored field bypassed the save check", async () => {
    const { editor, configId } = await setup();
    const control = await createConnection(editor, headerConnection("Planted", "plain-literal-value"));
    // A template written straight into the database (an older release, a restore, a bug in the save path).
    await db.credentialField.update({
      where: { connectionId_name: { connectionId: control, name: "header_value" } },
      data: { mode: "template", template: CANARY_REF, providerConfigId: configId, ciphertext: null, iv: null, tag: null },
    });
    const before = received.length;
    const { result, calls } = await countCalls(vault, () => runConnectionTest(editor, control));
    expect(result.ok).toBe(false);
    expect(result.target).toBeNull();
    expect(result.references).toMatchObject([{ field: "header_value", reference: CANARY_REF, ok: false, error: { code: "reference_not_allowed" } }]);
    expect(calls).toEqual({});
    expect(received.length).toBe(before);
  });

  it("sends an allowed secret to an allowed destination, and not the same secret to another port", async () => {
    const { wsActor, editor } = await setup();
    await addReferencePolicyEntry(wsActor, { secretPattern: "secret:prod/*", destinations: [`127.0.0.1:${port}`] });
    const allowed = await createConnection(editor, headerConnection("Allowed", "{{workato:sm:token:secret:prod/api}}"));
    const before = received.length;
    expect(await runConnectionTest(editor, allowed)).toMatchObject({ ok: true });
    expect(received.slice(before).join("\n")).toContain("demo-api-token"); // control: policy, egress and Vault all work

    const otherPort = createConnection(editor, {
      ...headerConnection("Other port", "{{workato:sm:token:secret:prod/api}}"),
      settings: { ...headerConnection("", "").settings, baseUrl: `http://127.0.0.1:${port + 1}` },
    });
    await expect(otherPort).rejects.toMatchObject({ code: "VALIDATION", field: "header_value" });
    await expect(createConnection(editor, headerConnection("Canary", CANARY_REF))).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
