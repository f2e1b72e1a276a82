// Threat 5 end to end: "Test connection" applies the workspace's own mode and allow-list, read from the
// database at each test (a policy change applies at once). A loopback listener is the control: it is reached
// only once the allow-list names it, and a private address is refused in "public" mode before any packet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createConnection } from "@/lib/data/connections";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { seedWorkspace } from "@/lib/testing/seed-actors";

let server: http.Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("connection tests follow the workspace egress policy", () => {
  it("refuses loopback until allowed, and private addresses in public-only mode", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const api = (name: string, baseUrl: string) =>
      createConnection(actor, {
        name,
        type: "http",
        settings: { baseUrl, authKind: "bearer", testPath: "/" },
        credentials: { token: { mode: "set", value: "t0ken-value" } },
      });
    const local = await api("Local", `http://127.0.0.1:${port}`);
    const privateNet = await api("Private", "http://10.255.255.1:8080");

    expect((await runConnectionTest(actor, local)).target?.message).toMatch(/loopback/);
    expect(hits).toBe(0);
    await updateEgressPolicy(wsActor, { mode: "public", allowList: [`127.0.0.1:${port}`] });
    expect(await runConnectionTest(actor, local)).toMatchObject({ ok: true });
    expect(hits).toBe(1);
    expect((await runConnectionTest(actor, privateNet)).target?.message).toMatch(/private network address, and this workspace allows public addresses only/);
  });
});
