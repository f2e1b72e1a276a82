// The demo fixture the embedded launcher serves: workspace 1 / project 1 can assume keyhold-demo and browse the
// three demo secrets; keyhold-no-list shows the missing-ListSecrets error.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { loadAwsFixture } from "@/e2e/emulators/aws/fixture";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { clearAwsCredentialCache, createAwsProvider } from "./index";

let env: AwsTestEnv;
const provider = (role: string) =>
  createAwsProvider(
    { kind: "aws", owner: { workspaceId: 1, projectId: 1 }, settings: { roleArn: `arn:aws:iam::123456789012:role/${role}`, region: "us-east-1" } },
    { platformAccountId: "111122223333", retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 } },
  );

beforeAll(async () => {
  env = await startAwsTestEnv(await loadAwsFixture(path.resolve(__dirname, "../../../../e2e/emulators/aws/demo-fixture.json")));
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => clearAwsCredentialCache());

describe("AWS demo fixture", () => {
  it("lets workspace 1 / project 1 browse and read the demo secrets through keyhold-demo", async () => {
    const page = await provider("keyhold-demo").listSecrets({ includeKeys: true });
    expect(page.items.map((i) => [i.name, i.keys])).toEqual([
      ["prod/db", ["username", "password", "host"]],
      ["prod/api-token", undefined],
      ["prod/stripe", ["publishable_key", "secret_key", "webhook_secret"]],
    ]);
    const db = { kind: "aws" as const, key: "password", arn: page.items[0]!.id };
    expect(db.arn).toBe("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xk3pQ9");
    const outcome = (await provider("keyhold-demo").fetchSecrets([db])).get(secretVersionKey(db));
    expect(outcome?.ok && "text" in outcome.payload && JSON.parse(outcome.payload.text).username).toBe("keyhold_demo");
  });

  it("demonstrates the missing ListSecrets permission with keyhold-no-list", async () => {
    const { steps } = await provider("keyhold-no-list").test();
    expect(steps.find((s) => s.kind === "list")).toMatchObject({
      status: "failed",
      error: { code: "aws_access_denied", permission: "secretsmanager:ListSecrets" },
    });
  });
});
