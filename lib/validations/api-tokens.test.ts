import { describe, expect, it } from "vitest";
import { createApiTokenSchema } from "./api-tokens";

const base = { workspaceId: "1", name: "CI", expiresInDays: "30" };

describe("the token form", () => {
  it("gathers the checked scopes and, when limited, the checked projects", () => {
    const parsed = createApiTokenSchema.parse({
      ...base,
      "scope:cache:clear": "on",
      "scope:workflows:run": "on",
      projects: "some",
      "project:4": "on",
      "project:9": "on",
    });
    expect(parsed).toMatchObject({ scopes: ["cache:clear", "workflows:run"], projectIds: [4, 9], expiresInDays: 30 });
    expect(createApiTokenSchema.parse({ ...base, "scope:admin": "on", projects: "all", "project:4": "on" }).projectIds).toBeNull();
  });

  it("refuses no scope, an unknown scope, and a limit without projects", () => {
    const errors = (fields: object) => createApiTokenSchema.safeParse({ ...base, ...fields }).error?.issues.map((i) => i.path.join("."));
    expect(errors({ projects: "all" })).toEqual(["scopes"]);
    expect(errors({ "scope:all": "on", projects: "all" })).toEqual(["scopes.0"]);
    expect(errors({ "scope:admin": "on", projects: "some" })).toEqual(["projectIds"]);
    expect(errors({ "scope:admin": "on", projects: "some", "project:x": "on" })).toEqual(["projectIds.0"]);
  });
});
