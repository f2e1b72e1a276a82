import { describe, expect, it } from "vitest";
import { permissionPolicy, trustPolicy } from "./aws-policies";

describe("generated policies", () => {
  it("trusts our account root with the External ID", () => {
    const doc = JSON.parse(JSON.stringify(trustPolicy("111122223333", "workato_iam_external_id_1_2")));
    expect(doc.Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": "workato_iam_external_id_1_2" } },
    });
  });

  it("grants list on * and reads on the prefix, plus kms:Decrypt when asked", () => {
    const doc = permissionPolicy({ customerAccountId: "123456789012", secretNamePrefix: "prod/", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" });
    expect(doc.Statement).toEqual([
      { Sid: "KeyholdListSecrets", Effect: "Allow", Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], Resource: "*" },
      {
        Sid: "KeyholdReadSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: "arn:aws:secretsmanager:*:123456789012:secret:prod/*",
      },
      { Sid: "KeyholdDecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:123456789012:key/abc" },
    ]);
    expect(permissionPolicy().Statement[1]).toMatchObject({ Resource: "*" });
  });
});
