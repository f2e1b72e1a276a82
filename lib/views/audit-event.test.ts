import { describe, expect, it } from "vitest";
import { csvCell, csvRows } from "@/lib/api/csv";
import { describeAuditEvent, show } from "./audit-event";

const event = (action: string, detail: unknown, extra: Partial<Parameters<typeof describeAuditEvent>[0]> = {}) => ({
  actorLabel: "ana@example.com",
  action,
  targetType: null,
  targetId: null,
  outcome: "success",
  detail,
  ...extra,
});

describe("audit events for people", () => {
  it("says who changed what, from what to what", () => {
    expect(describeAuditEvent(event("secrets.scope.switched", { from: "workspace", to: "project", affectedFields: 3 }))).toEqual({
      sentence: "ana@example.com switched the secrets scope from workspace to project.",
      fields: [
        { label: "Changed", from: "workspace", to: "project" },
        { label: "Affected fields", value: "3" },
      ],
    });
    expect(
      describeAuditEvent(
        event("workflow.hosts.changed", { before: ["a.example"], after: ["a.example", "b.example"] }, { targetType: "workflow", targetId: 4 }),
      ),
    ).toEqual({
      sentence: "ana@example.com changed a workflow's allowed hosts (workflow #4).",
      fields: [{ label: "Changed", from: "a.example", to: "a.example, b.example" }],
    });
  });

  it("names the object, says when it failed, and reads nested detail", () => {
    const d = describeAuditEvent(
      event(
        "connection.created",
        { name: "Billing DB", type: "postgres", fields: [{ name: "password", mode: "template" }] },
        { outcome: "failure", targetType: "connection", targetId: 9 },
      ),
    );
    expect(d.sentence).toBe("ana@example.com created the postgres connection “Billing DB” (connection #9) — it failed.");
    expect(d.fields).toContainEqual({ label: "Fields", value: "name: password; mode: template" });
    expect(describeAuditEvent(event("connection.tested", { ok: false })).sentence).toBe("ana@example.com tested a connection, which failed.");
    expect(describeAuditEvent(event("api_token.revoked", {}, { targetType: "api_token", targetId: 2 })).sentence).toBe(
      "ana@example.com revoked an API token (api token #2).",
    );
  });

  it("describes actions it has no phrase for, and odd details, without failing", () => {
    expect(describeAuditEvent(event("agent.group_created", null)).sentence).toBe("ana@example.com did agent group created.");
    expect(describeAuditEvent(event("connection.deleted", { name: "" })).sentence).toBe("ana@example.com deleted the connection.");
    expect(show("x".repeat(400))).toHaveLength(300);
    expect(show(true)).toBe("yes");
    expect(show([])).toBe("(none)");
  });
});

describe("CSV cells", () => {
  it.each([
    ["=1+2", `"'=1+2"`],
    ["+SUM(A1)", `"'+SUM(A1)"`],
    ["-2", `"'-2"`],
    ["@cmd", `"'@cmd"`],
    ["\t=1", `"'\t=1"`],
    ['say "hi"', `"say ""hi"""`],
    ["plain, text", `"plain, text"`],
  ])("makes %j safe as %s", (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it("writes numbers, nulls and objects, CRLF rows", () => {
    expect(csvRows(["a", "b", "c"], [[1, null, { k: "=x" }]])).toBe('"a","b","c"\r\n"1","","{""k"":""=x""}"\r\n');
  });
});
