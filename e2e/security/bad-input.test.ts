// Issue 13 item 7: bad input answers 4xx, a clamped page or a recorded failed test, never a 500. A page number
// past 2^53 crashed Prisma (`skip` must be a safe integer); ids past 2^31-1 crash PostgreSQL's INTEGER
// comparisons; a CA certificate that resolves to something other than PEM threw out of the connection test,
// which then answered 500 and recorded nothing.
import { destinationKeyOf } from "@/lib/connections/destination";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { encryptValue, unwrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import { listAuditEvents } from "@/lib/data/audit";
import { createConnection } from "@/lib/data/connections";
import { listConnections } from "@/lib/data/projects";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { runConnectionTest } from "@/lib/services/connections/test-connection";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { auditFiltersSchema } from "@/lib/validations/audit";
import { connectionListQuerySchema, MAX_PAGE } from "@/lib/validations/paging";
import { revokeApiTokenSchema } from "@/lib/validations/api-tokens";
import { switchScopeSchema } from "@/lib/validations/secrets-settings";

const HUGE = "99999999999999999999";

describe("no 500s from bad input", () => {
  it("clamps the connections list's page and lists without crashing", async () => {
    for (const [page, want] of [
      [HUGE, MAX_PAGE],
      ["-3", 1],
      ["abc", 1],
      ["1e5", 1],
      ["2", 2],
      [undefined, 1],
      [["1", "2"], 1],
    ] as const) {
      expect(connectionListQuerySchema.parse({ page }).page, String(page)).toBe(want);
    }
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await expect(listConnections(actor, { page: connectionListQuerySchema.parse({ page: HUGE }).page })).resolves.toMatchObject({ rows: [] });
    // The data layer clamps on its own too, whatever a caller passes.
    await expect(listConnections(actor, { page: 1e20 })).resolves.toMatchObject({ rows: [], page: MAX_PAGE });
    await expect(listConnections(actor, { page: Number.NaN })).resolves.toMatchObject({ page: 1 });
  });

  it("drops audit filters beyond the id range instead of querying with them", async () => {
    const filters = auditFiltersSchema.parse({ before: HUGE, projectId: "3000000000", action: "x" });
    expect(filters).toEqual({ action: "x" });
    const { wsActor } = await seedWorkspace();
    await expect(listAuditEvents(wsActor, filters)).resolves.toMatchObject({ events: [] });
  });

  it("refuses out-of-range ids and versions in action forms with a validation error", () => {
    expect(revokeApiTokenSchema.safeParse({ workspaceId: "1", tokenId: HUGE }).success).toBe(false);
    expect(switchScopeSchema.safeParse({ workspaceId: "1", to: "project", expectedVersion: HUGE }).success).toBe(false);
  });

  it("records a failed test naming the CA field when its value is not PEM, without an error-level log", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await updateEgressPolicy(wsActor, { mode: "public", allowList: ["127.0.0.1:1"] });
    const id = await createConnection(actor, {
      name: "Bad CA",
      type: "postgres",
      settings: { host: "127.0.0.1", port: 1, database: "app", sslMode: "verify-full" },
      credentials: { user: { mode: "set", value: "app" }, password: { mode: "set", value: "pw-123456" } },
    });
    // What a CA reference resolving to a non-PEM value hands the tester (the form refuses such a literal).
    const row = await db.connection.findUniqueOrThrow({ where: { id } });
    const enc = encryptValue("just some text, not a certificate", unwrapDataKey(row.wrappedDataKey, getMasterKey()), `connection:${id}:ca`);
    // Bound to the connection's destination, as every saved field is (docs/threat-model.md, threat 1).
    const destination = destinationKeyOf("postgres", row.settings as Record<string, unknown>);
    await db.credentialField.create({ data: { connectionId: id, name: "ca", mode: "literal", template: null, providerConfigId: null, destination, ...enc } });

    const error = vi.spyOn(log, "error");
    const report = await runConnectionTest(actor, id);
    expect(report.ok).toBe(false);
    expect(report.target?.message).toMatch(/CA certificate is not PEM/);
    const stored = await db.connection.findUniqueOrThrow({ where: { id }, select: { lastTestOk: true, lastTestSummary: true } });
    expect(stored).toMatchObject({ lastTestOk: false, lastTestSummary: expect.stringMatching(/CA certificate is not PEM/) });
    expect(error).not.toHaveBeenCalled();
  });
});
