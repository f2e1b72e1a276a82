// The page-weight table's pure parts: app paths become routes, and the table flags pages over the budget.
import { describe, expect, it } from "vitest";
import { PAGE_BUDGET_BYTES, routeOf, weightTable } from "./page-weights";

describe("page weights", () => {
  it("drops route groups and the page segment", () => {
    expect(routeOf("/(console)/w/[workspaceId]/settings/page")).toBe("/w/[workspaceId]/settings");
    expect(routeOf("/(auth)/login/page")).toBe("/login");
    expect(routeOf("/page")).toBe("/");
  });

  it("lists the heaviest page first and says by how much it is over", () => {
    const table = weightTable([
      { appPage: "/a/page", route: "/a", files: 3, gzipBytes: 100_000, rawBytes: 300_000, missing: 0 },
      { appPage: "/b/page", route: "/b", files: 4, gzipBytes: PAGE_BUDGET_BYTES + 2_500, rawBytes: 500_000, missing: 0 },
    ]).split("\n");
    expect(table[1]).toMatch(/^\/b .*152\.5 kB {2}OVER by 2\.5 kB$/);
    expect(table[2]).toMatch(/^\/a .*100\.0 kB {2}ok$/);
  });
});
