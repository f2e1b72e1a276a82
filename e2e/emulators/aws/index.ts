// The AWS emulator (Secrets Manager + STS on one port). Dev and test infrastructure only: never imported by lib/**
// product code.
export { startAwsEmulator, type RunningAwsEmulator } from "./server";
export {
  loadAwsFixture,
  secretArnOf,
  validateAwsFixture,
  type AwsFixture,
  type AwsFixturePlatform,
  type AwsFixtureRole,
  type AwsFixtureSecret,
  type AwsPolicyStatement,
} from "./fixture";
export type { AwsStateMutation } from "./state";
