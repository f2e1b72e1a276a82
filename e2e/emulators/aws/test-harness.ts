// Points the unmodified AWS SDK at a fresh emulator the way a deployment would: through the SDK's own
// environment variables. Everything set here is restored by `stop`, so test files do not leak into each other.
import { startAwsEmulator, type RunningAwsEmulator } from "./server";
import type { AwsFixture } from "./fixture";
import { testFixture, TEST_PLATFORM } from "./test-fixture";

const VARS = [
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_SECRETS_MANAGER",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
] as const;

export interface AwsTestEnv {
  emulator: RunningAwsEmulator;
  stop(): Promise<void>;
}

export async function startAwsTestEnv(fixture: AwsFixture = testFixture()): Promise<AwsTestEnv> {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  const emulator = await startAwsEmulator({ port: 0, fixture });
  for (const v of VARS) delete process.env[v];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: fixture.platform.accessKeyId ?? TEST_PLATFORM.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fixture.platform.secretAccessKey ?? TEST_PLATFORM.secretAccessKey,
    AWS_REGION: "us-east-1",
    // Hermetic: no profile files from the machine, no instance metadata lookups.
    AWS_CONFIG_FILE: "/nonexistent/keyhold-aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/keyhold-aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  });
  return {
    emulator,
    async stop() {
      await emulator.close();
      for (const v of VARS) {
        if (saved[v] === undefined) delete process.env[v];
        else process.env[v] = saved[v];
      }
    },
  };
}
