import { describe, expect, it } from "vitest";
import { externalIdFor } from "./external-id";
import { AwsContext } from "@/lib/secrets/providers/aws/client";

// Customers have pasted these exact strings into their trust policies: a change locks every one of them out.
describe("External ID format (a contract with existing trust policies)", () => {
  it("is workato_iam_external_id_<workspaceId>_<projectId> for a project-scope owner", () => {
    expect(externalIdFor({ workspaceId: 1, projectId: 1 })).toBe("workato_iam_external_id_1_1");
    expect(externalIdFor({ workspaceId: 42, projectId: 7 })).toBe("workato_iam_external_id_42_7");
    expect(externalIdFor({ workspaceId: 1234567, projectId: 89 })).toBe("workato_iam_external_id_1234567_89");
  });

  it("is workato_iam_external_id_<workspaceId> for a workspace-scope owner", () => {
    expect(externalIdFor({ workspaceId: 1 })).toBe("workato_iam_external_id_1");
    expect(externalIdFor({ workspaceId: 42 })).toBe("workato_iam_external_id_42");
  });

  it("is what the AWS provider sends to AssumeRole", () => {
    const settings = { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" };
    const project = new AwsContext({ kind: "aws", owner: { workspaceId: 3, projectId: 4 }, settings }, { platformAccountId: "111122223333" });
    const workspace = new AwsContext({ kind: "aws", owner: { workspaceId: 3 }, settings }, { platformAccountId: "111122223333" });
    expect(project.session.externalId).toBe("workato_iam_external_id_3_4");
    expect(workspace.session.externalId).toBe("workato_iam_external_id_3");
  });
});
