import { describe, expect, it } from "vitest";
import { hasProjectCapability, hasWorkspaceCapability, type ProjectCapability } from "./roles";

describe("workspace capabilities", () => {
  it("lets owners and admins administer, members only view", () => {
    expect(hasWorkspaceCapability("owner", "workspace.admin")).toBe(true);
    expect(hasWorkspaceCapability("admin", "workspace.admin")).toBe(true);
    expect(hasWorkspaceCapability("member", "workspace.admin")).toBe(false);
    expect(hasWorkspaceCapability("member", "workspace.view")).toBe(true);
    expect(hasWorkspaceCapability(null, "workspace.view")).toBe(false);
  });

  it("lets only owners create workspaces", () => {
    expect(hasWorkspaceCapability("owner", "workspace.create")).toBe(true);
    expect(hasWorkspaceCapability("admin", "workspace.create")).toBe(false);
    expect(hasWorkspaceCapability("member", "workspace.create")).toBe(false);
    expect(hasWorkspaceCapability(null, "workspace.create")).toBe(false);
  });
});

describe("project capabilities follow the table in docs/roles.md", () => {
  const table: Array<[Parameters<typeof hasProjectCapability>[0], Parameters<typeof hasProjectCapability>[1], Record<ProjectCapability, boolean>]> = [
    ["owner", null, { "project.view": true, "project.edit": true, "project.admin": true, "project.audit": true }],
    ["admin", null, { "project.view": true, "project.edit": true, "project.admin": true, "project.audit": true }],
    ["member", "admin", { "project.view": true, "project.edit": true, "project.admin": true, "project.audit": true }],
    ["member", "editor", { "project.view": true, "project.edit": true, "project.admin": false, "project.audit": false }],
    ["member", "viewer", { "project.view": true, "project.edit": false, "project.admin": false, "project.audit": false }],
    ["member", null, { "project.view": false, "project.edit": false, "project.admin": false, "project.audit": false }],
    [null, "admin", { "project.view": false, "project.edit": false, "project.admin": false, "project.audit": false }],
  ];
  it.each(table)("workspace %s, project %s", (ws, project, expected) => {
    for (const [capability, allowed] of Object.entries(expected)) {
      expect(hasProjectCapability(ws, project, capability as ProjectCapability), capability).toBe(allowed);
    }
  });
});
