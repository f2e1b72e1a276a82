import { describe, expect, it } from "vitest";
import { parseConnectionForm } from "./connections";

const pg = { name: "DB", type: "postgres", host: "db.internal", port: "5432", database: "app", sslMode: "require" };

describe("connection form parsing", () => {
  it("accepts a PostgreSQL connection with a literal and a template", () => {
    const r = parseConnectionForm({
      ...pg,
      "cred:user": "app",
      "cred:password": "{{workato:sm:password:arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf}}",
    });
    expect(r).toMatchObject({
      success: true,
      data: { settings: { host: "db.internal", port: 5432 }, credentials: { user: { mode: "set", value: "app" }, password: { mode: "set" } } },
    });
  });

  it("refuses a reference in an address field", () => {
    const r = parseConnectionForm({ ...pg, host: "{{workato:sm:host:x}}", "cred:user": "u", "cred:password": "p" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.fieldErrors.host?.[0]).toMatch(/literal only/);
  });

  it("requires credentials unless stored, and keeps stored ones", () => {
    const missing = parseConnectionForm({ ...pg });
    expect(missing.success).toBe(false);
    if (!missing.success) expect(Object.keys(missing.fieldErrors).sort()).toEqual(["password", "user"]);
    const kept = parseConnectionForm({ ...pg, "cred:user:mode": "keep", "cred:password:mode": "keep" }, new Set(["user", "password"]));
    expect(kept).toMatchObject({ success: true, data: { credentials: { user: { mode: "keep" }, password: { mode: "keep" } } } });
  });

  it("clears fields a changed auth kind no longer uses", () => {
    const r = parseConnectionForm(
      {
        name: "API",
        type: "http",
        baseUrl: "https://api.example.com",
        authKind: "header",
        headerName: "X-Api-Key",
        testPath: "/health",
        "cred:header_value": "k",
      },
      new Set(["token"]),
    );
    expect(r).toMatchObject({ success: true, data: { credentials: { header_value: { mode: "set", value: "k" }, token: { mode: "clear" } } } });
  });

  it("validates URLs, ports and header names", () => {
    const bad = parseConnectionForm({ name: "API", type: "http", baseUrl: "ftp://x", authKind: "header", headerName: "bad header", testPath: "health" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["baseUrl", "headerName", "header_value", "testPath"]);
    const port = parseConnectionForm({ ...pg, port: "70000", "cred:user": "u", "cred:password": "p" });
    expect(port.success).toBe(false);
  });
});

describe("connection type (Cloud or an on-prem group)", () => {
  it("adds the group to the settings, and with a profile stores no address and clears stored credentials", () => {
    const fields = parseConnectionForm({ ...pg, connectionType: "7", "cred:user": "app", "cred:password": "pw-literal" });
    expect(fields).toMatchObject({ success: true, data: { settings: { host: "db.internal", onPremGroupId: 7 } } });
    const profile = parseConnectionForm({ name: "DB", type: "postgres", connectionType: "7", profile: "sales" }, new Set(["user", "password"]));
    expect(profile).toEqual({
      success: true,
      data: {
        name: "DB",
        type: "postgres",
        settings: { onPremGroupId: 7, profile: "sales" },
        credentials: { user: { mode: "clear" }, password: { mode: "clear" } },
      },
    });
    expect(parseConnectionForm({ ...pg, connectionType: "cloud", profile: "sales", "cred:user": "a", "cred:password": "b" })).toMatchObject({
      success: true,
      data: { settings: { host: "db.internal" } },
    });
  });

  it("refuses a connection type that is neither Cloud nor a group id, and odd profile names", () => {
    expect(parseConnectionForm({ ...pg, connectionType: "evil" })).toMatchObject({ success: false, fieldErrors: { connectionType: expect.any(Array) } });
    expect(parseConnectionForm({ ...pg, connectionType: "7", profile: "../x y" })).toMatchObject({
      success: false,
      fieldErrors: { profile: expect.any(Array) },
    });
  });
});
