// Threat 1 (docs/threat-model.md): credentials follow a changed destination. An editor opens a connection whose
// credentials someone else set, points it at a host they control, keeps the credentials and tests. The
// "attacker" listeners (HTTP and a fake PostgreSQL server that asks for a cleartext password) fail the suite
// if they ever receive the canary; each test also sends a credential there that was entered for it (the
// control), so a refusal by the egress policy cannot pass for the fix: the workspace allow-lists loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import { createConnection, updateConnection, type SaveConnectionInput } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";

const CANARY = "canary-dest-7c41e0";
const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
let target: http.Server, attacker: http.Server, fakePg: net.Server;
let targetPort = 0,
  attackerPort = 0,
  pgPort = 0;
const attackerSaw: string[] = [];
const pgSaw: string[] = [];

const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

/** Answers the startup message with "send your password in clear" and records everything it is sent. */
function fakePostgres(): net.Server {
  return net.createServer((socket) => {
    let asked = false;
    socket.on("data", (chunk) => {
      pgSaw.push(chunk.toString("latin1"));
      if (asked) return void socket.end();
      asked = true;
      socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
    });
    socket.on("error", () => {});
  });
}

beforeAll(async () => {
  target = http.createServer((_req, res) => res.writeHead(200).end("ok"));
  attacker = http.createServer((req, res) => {
    attackerSaw.push(`${req.url} ${req.headers.authorization ?? ""}`);
    res.writeHead(200).end("thanks");
  });
  fakePg = fakePostgres();
  [targetPort, attackerPort, pgPort] = [await listen(target), await listen(attacker), await listen(fakePg)];
});

afterAll(async () => {
  await Promise.all([target, attacker, fakePg].map((s) => new Promise((r) => s.close(r))));
  expect(
    attackerSaw.filter((s) => s.includes(CANARY)),
    "the canary reached the attacker's HTTP listener",
  ).toEqual([]);
  expect(
    pgSaw.filter((s) => s.includes(CANARY)),
    "the canary reached the attacker's PostgreSQL listener",
  ).toEqual([]);
});

async function setup() {
  const { ws, wsActor, projects, projectActor } = await seedWorkspace();
  await updateEgressPolicy(wsActor, { mode: "public", allowList: ["127.0.0.1"] });
  const projectId = projects[0]!.id;
  const owner = projectActor(projectId);
  const editor = (await actorWithRoles(ws.id, projectId, "member", "editor")).project;
  const admin = (await actorWithRoles(ws.id, projectId, "member", "admin")).project;
  return { ws, wsActor, owner, editor, admin };
}

const api = (baseUrl: string, token: SaveConnectionInput["credentials"]["token"]): SaveConnectionInput => ({
  name: "Prod API",
  type: "http",
  settings: { baseUrl, authKind: "bearer", testPath: "/" },
  credentials: { token },
});

describe("credentials stay bound to the destination they were entered for", () => {
  it("an editor who moves an HTTP connection and keeps the token gets a field error; nothing is sent", async () => {
    const { owner, editor } = await setup();
    const id = await createConnection(owner, api(`http://127.0.0.1:${targetPort}`, { mode: "set", value: CANARY }));
    const move = updateConnection(editor, id, api(`http://127.0.0.1:${attackerPort}/v2`, { mode: "keep" }));
    await expect(move).rejects.toMatchObject({ code: "VALIDATION", field: "baseUrl", message: expect.stringContaining("re-enter") });
    expect(await runConnectionTest(editor, id)).toMatchObject({ ok: true }); // still the original target
    // A path on the same origin is the same destination.
    await updateConnection(editor, id, api(`http://127.0.0.1:${targetPort}/v2`, { mode: "keep" }));
    // Control: re-entering the credential in the same save moves it, and the listener receives that one.
    await updateConnection(editor, id, api(`http://127.0.0.1:${attackerPort}`, { mode: "set", value: "editor-own-token" }));
    expect(await runConnectionTest(editor, id)).toMatchObject({ ok: true });
    expect(attackerSaw.at(-1)).toBe("/ Bearer editor-own-token");
  });

  it("a reference is bound like a literal (refused at save), and a mismatched binding is refused at use", async () => {
    const { wsActor, owner, editor } = await setup();
    await saveProviderConfig(wsActor, { kind: "aws", settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } });
    await allowAllReferences(wsActor);
    const ref = await createConnection(owner, api(`https://api.example.com`, { mode: "set", value: `{{workato:sm:token:${ARN}}}` }));
    await expect(updateConnection(editor, ref, api(`http://127.0.0.1:${attackerPort}`, { mode: "keep" }))).rejects.toMatchObject({ field: "baseUrl" });

    // Defence in depth: settings changed behind the save path (a bug, a restored backup) are refused at use.
    const lit = await createConnection(owner, { ...api(`http://127.0.0.1:${targetPort}`, { mode: "set", value: CANARY }), name: "Lit" });
    for (const id of [ref, lit]) {
      await db.connection.update({ where: { id }, data: { settings: { baseUrl: `http://127.0.0.1:${attackerPort}`, authKind: "bearer", testPath: "/" } } });
      const report = await runConnectionTest(editor, id);
      expect(report.ok).toBe(false);
      expect(report.references).toEqual([]); // not even resolved
      expect(report.target?.message).toMatch(/^Not sent: .*entered for https?:\/\/.*re-enter/i);
    }
  });

  it("PostgreSQL: host, port and TLS mode are the destination, the database name is not", async () => {
    const { owner, editor } = await setup();
    const settings = { host: "127.0.0.1", port: targetPort, database: "orders", sslMode: "disable" };
    const pg = (s: Record<string, unknown>, keep = true): SaveConnectionInput => ({
      name: "Orders",
      type: "postgres",
      settings: s,
      credentials: keep
        ? { user: { mode: "keep" }, password: { mode: "keep" } }
        : { user: { mode: "set", value: "u" }, password: { mode: "set", value: "control-pw" } },
    });
    const id = await createConnection(owner, {
      ...pg(settings),
      credentials: { user: { mode: "set", value: "orders_app" }, password: { mode: "set", value: CANARY } },
    });
    await updateConnection(editor, id, pg({ ...settings, database: "orders_archive" }));
    for (const moved of [{ port: pgPort }, { host: "localhost", port: pgPort }, { sslMode: "require" }]) {
      await expect(updateConnection(editor, id, pg({ ...settings, ...moved })), JSON.stringify(moved)).rejects.toMatchObject({
        code: "VALIDATION",
        field: "host",
      });
    }
    // Control: a password entered for the listener reaches it.
    await updateConnection(editor, id, pg({ ...settings, port: pgPort }, false));
    await runConnectionTest(editor, id);
    expect(pgSaw.join("")).toContain("control-pw");
  });

  it("a project admin moves stored credentials only with a recent password confirmation, audited old → new", async () => {
    const { owner, editor, admin } = await setup();
    const failover = http.createServer((req, res) => res.writeHead(req.headers.authorization === `Bearer ${CANARY}` ? 200 : 401).end());
    const failoverPort = await listen(failover);
    try {
      const id = await createConnection(owner, api(`http://127.0.0.1:${targetPort}`, { mode: "set", value: CANARY }));
      const input = api(`http://127.0.0.1:${failoverPort}`, { mode: "keep" });
      const proofOf = (a: typeof admin, at = new Date()) => mintRecentAuth({ userId: a.userId, at });
      await expect(updateConnection(admin, id, input)).rejects.toMatchObject({ field: "baseUrl", message: expect.stringContaining("confirm") });
      await expect(updateConnection(editor, id, input, { confirmedMove: proofOf(editor) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateConnection(admin, id, input, { confirmedMove: proofOf(editor) })).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
      const stale = new Date(Date.now() - 6 * 60_000);
      await expect(updateConnection(admin, id, input, { confirmedMove: proofOf(admin, stale) })).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
      await updateConnection(admin, id, input, { confirmedMove: proofOf(admin) });
      expect(await runConnectionTest(admin, id)).toMatchObject({ ok: true });
      const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "connection.destination_changed" } });
      expect(event.detail).toMatchObject({
        from: `http://127.0.0.1:${targetPort}`,
        to: `http://127.0.0.1:${failoverPort}`,
        how: "confirmed",
        fields: ["token"],
      });
    } finally {
      await new Promise((r) => failover.close(r));
    }
  });
});
