import { describe, expect, it } from "vitest";
import { accountOfArn, parseRoleArn, parseSecretArn, roleNameFromArn } from "./aws-arn";

describe("role ARN", () => {
  it("accepts role ARNs with paths and refuses anything else", () => {
    expect(parseRoleArn("arn:aws:iam::123456789012:role/keyhold")).toEqual({ accountId: "123456789012", roleName: "keyhold" });
    expect(parseRoleArn("arn:aws:iam::123456789012:role/service/keyhold-prod")).toEqual({ accountId: "123456789012", roleName: "keyhold-prod" });
    for (const bad of [
      "arn:aws:iam::12345:role/x",
      "arn:aws:iam::123456789012:user/x",
      "arn:aws:iam::123456789012:role/",
      "role/x",
      "arn:aws:iam::123456789012:role/a b",
    ]) {
      expect(parseRoleArn(bad), bad).toBeNull();
    }
  });

  it("names the role of any ARN with a role path, as `aws iam get-role` wants it", () => {
    expect(roleNameFromArn("arn:aws:iam::123456789012:role/team/keyhold")).toBe("keyhold");
    expect(roleNameFromArn("arn:aws-iso:iam::123456789012:role/legacy")).toBe("legacy");
    expect(accountOfArn("arn:aws:iam::123456789012:role/keyhold")).toBe("123456789012");
    expect(accountOfArn("not an arn")).toBeUndefined();
  });
});

describe("secret ARN", () => {
  it("splits a secret ARN and drops the 6-character suffix from the name", () => {
    expect(parseSecretArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a/b-c-AbC123")).toEqual({
      partition: "aws",
      region: "eu-west-1",
      accountId: "123456789012",
      name: "a/b-c",
    });
    expect(parseSecretArn("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x-AbC123")?.region).toBe("us-gov-west-1");
  });

  it("refuses what the reference grammar refuses", () => {
    for (const bad of [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:nosuffix",
      "arn:aws-iso:secretsmanager:eu-west-1:123456789012:secret:x-AbC123",
      "arn:aws:secretsmanager:europe:123456789012:secret:x-AbC123",
      "arn:aws:secretsmanager:eu-west-1:12345:secret:x-AbC123",
    ]) {
      expect(parseSecretArn(bad), bad).toBeUndefined();
    }
  });
});
