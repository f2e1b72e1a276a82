// PROVIDERS=azure,vault,gcp: whatever a form submits, the data layer (and so the server action) refuses AWS.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROVIDERS = "azure,vault,gcp";
});

const { db } = await import("@/lib/db");
const { seedWorkspace } = await import("@/lib/testing/seed-actors");
const { saveProviderConfig } = await import("./provider-configs");

describe("a switched-off provider kind", () => {
  it("cannot be saved (enabled kinds save as before: connections.test.ts)", async () => {
    const { wsActor } = await seedWorkspace();
    const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };
    await expect(saveProviderConfig(wsActor, aws)).rejects.toMatchObject({
      code: "VALIDATION",
      field: "kind",
      message: expect.stringContaining("switched off"),
    });
    expect(await db.secretsProviderConfig.count()).toBe(0);
  });
});
