import { describe, expect, it } from "vitest";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { createConnection } from "./connections";
import { listConnections } from "./projects";
import { listAuditEvents } from "./audit";

describe("search ignores case on every database", () => {
  it("finds connections and audit actors whatever the case", async () => {
    const { projects, projectActor, wsActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await createConnection(actor, { name: "Orders DB", type: "http", settings: {}, credentials: {} });
    await createConnection(actor, { name: "Billing", type: "http", settings: {}, credentials: {} });
    expect((await listConnections(actor, { q: "orders" })).rows.map((r) => r.name)).toEqual(["Orders DB"]);
    expect((await listConnections(actor, { q: "DB" })).total).toBe(1);
    const events = await listAuditEvents(wsActor, { actor: wsActor.email.toUpperCase() });
    expect(events.events.length).toBeGreaterThan(0);
  });
});
