import { describe, expect, it } from "vitest";
import { formatScopes, grantsScope, LEGACY_SCOPES, parseProjectIds, parseScopes, TOKEN_SCOPE_NAMES, TOKEN_SCOPES, tokenAllows } from "./token-scopes";

describe("API token scopes", () => {
  it("are exactly the documented six", () => {
    expect(TOKEN_SCOPE_NAMES).toEqual(["cache:clear", "connections:test", "connections:refresh", "secrets:read", "workflows:run", "admin"]);
  });

  it("grant only the scope named, except admin which holds every scope", () => {
    for (const need of TOKEN_SCOPE_NAMES) {
      expect(grantsScope({ scopes: ["admin"] }, need)).toBe(true);
      for (const held of TOKEN_SCOPE_NAMES.filter((s) => s !== "admin")) expect(grantsScope({ scopes: [held] }, need), `${held} → ${need}`).toBe(held === need);
    }
    expect(grantsScope({ scopes: [] }, "cache:clear")).toBe(false);
  });

  it("keep a project-limited token inside its projects, and off workspace-wide calls", () => {
    const limited = { scopes: ["admin" as const], projectIds: [3] };
    expect(tokenAllows(limited, "connections:test", { projectId: 3 })).toBe(true);
    expect(tokenAllows(limited, "connections:test", { projectId: 4 })).toBe(false);
    expect(tokenAllows(limited, "secrets:read", {})).toBe(false); // the workspace's own secret browser
    expect(tokenAllows(limited, "cache:clear", { projectId: 3 })).toBe(false); // clear-cache acts on the workspace
    const everywhere = { scopes: ["cache:clear" as const], projectIds: null };
    expect(tokenAllows(everywhere, "cache:clear")).toBe(true);
    expect(tokenAllows(everywhere, "connections:refresh", { projectId: 3 })).toBe(false);
    expect(TOKEN_SCOPES["cache:clear"].level).toBe("workspace");
  });

  it("store as a space-separated string; unknown names and unreadable limits grant nothing", () => {
    expect(formatScopes(["workflows:run", "cache:clear"])).toBe("cache:clear workflows:run");
    expect(parseScopes("cache:clear  all workflows:run bogus")).toEqual(["cache:clear", "workflows:run"]);
    expect(parseScopes("")).toEqual([]);
    expect(parseProjectIds(null)).toBeNull();
    expect(parseProjectIds("[2,5]")).toEqual([2, 5]);
    expect(parseProjectIds("not json")).toEqual([]);
    expect(parseProjectIds('["1"]')).toEqual([]);
    expect(parseProjectIds("{}")).toEqual([]);
  });

  it("map the scopes of tokens made before scopes existed to what those tokens could call", () => {
    expect(LEGACY_SCOPES).toEqual({ all: ["admin"], cache: ["cache:clear", "connections:refresh"], workflows: ["workflows:run"] });
  });
});
