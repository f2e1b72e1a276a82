import { describe, expect, it } from "vitest";
import { referencesFor } from "./browse";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Ab12Cd";

describe("the secret browser's AWS references", () => {
  it("offers the whole secret by name, then each JSON key", () => {
    expect(referencesFor("aws", { name: "prod/db", id: ARN, keys: ["username", "password"] })).toEqual([
      { key: null, reference: `{{workato:sm:prod/db:${ARN}}}` },
      { key: "username", reference: `{{workato:sm:username:${ARN}}}` },
      { key: "password", reference: `{{workato:sm:password:${ARN}}}` },
    ]);
  });

  it("offers only the whole secret for plain-text and binary secrets", () => {
    expect(referencesFor("aws", { name: "prod/db", id: ARN })).toEqual([{ key: null, reference: `{{workato:sm:prod/db:${ARN}}}` }]);
  });

  it("does not offer the whole-secret form when a JSON key has the secret's name (the key would win)", () => {
    expect(referencesFor("aws", { name: "prod/db", id: ARN, keys: ["prod/db"] })).toEqual([{ key: "prod/db", reference: `{{workato:sm:prod/db:${ARN}}}` }]);
  });
});
