// The emulator world of the benchmark: Keyhold's platform account, one customer role whose trust policy names
// the seeded owner's External ID, 2,000 JSON secrets in the configured region, and the PostgreSQL login of the
// "Test connection" figure in another region (so a ListSecrets of the configured region sees exactly 2,000),
// and the 20,000 secrets of the scaling table in a third region (references' ARNs name their own region).
import { secretArnOf, type AwsFixture, type AwsFixtureSecret } from "@/e2e/emulators/aws";
import { TEST_PLATFORM } from "@/e2e/emulators/aws/test-fixture";

const SECRET_COUNT = 2_000;
export const REGION = "us-east-1";
const PG_REGION = "us-east-2";
const SCALE_REGION = "us-west-2";
const SCALE_SECRET_COUNT = 20_000;
const CUSTOMER_ACCOUNT = "123456789012";

export interface BenchAws {
  fixture: AwsFixture;
  roleArn: string;
  platformAccountId: string;
  /** The 2,000 bench secrets, each a JSON object with `username` and `password`. */
  secretArns: string[];
  pgSecretArn: string;
  /** The scaling table's 20,000 secrets (us-west-2), same shape. */
  scaleSecretArns: string[];
}

export function benchAwsFixture(input: { externalId: string; pgUser: string; pgPassword: string }): BenchAws {
  const roleArn = `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/keyhold-bench`;
  const secret = (name: string, region: string, value: Record<string, string>): AwsFixtureSecret => ({
    name,
    region,
    accountId: CUSTOMER_ACCOUNT,
    secretString: JSON.stringify(value),
  });
  const bulk = Array.from({ length: SECRET_COUNT }, (_, i) => {
    const n = String(i).padStart(4, "0");
    return secret(`bench/db-${n}`, REGION, { username: `user_${n}`, password: `password-${n}` });
  });
  const scale = Array.from({ length: SCALE_SECRET_COUNT }, (_, i) => {
    const n = String(i).padStart(5, "0");
    return secret(`scale/db-${n}`, SCALE_REGION, { username: `user_${n}`, password: `password-${n}` });
  });
  const pg = secret("bench/postgres-login", PG_REGION, { username: input.pgUser, password: input.pgPassword });
  const fixture: AwsFixture = {
    platform: { ...TEST_PLATFORM, userName: "keyhold-platform" },
    roles: [
      {
        arn: roleArn,
        trustedPrincipal: `arn:aws:iam::${TEST_PLATFORM.accountId}:root`,
        externalId: input.externalId,
        permissions: [
          { actions: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], resources: ["*"] },
          { actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], resources: [`arn:aws:secretsmanager:*:${CUSTOMER_ACCOUNT}:secret:*`] },
        ],
      },
    ],
    secrets: [...bulk, pg, ...scale],
  };
  return {
    fixture,
    roleArn,
    platformAccountId: TEST_PLATFORM.accountId,
    secretArns: bulk.map(secretArnOf),
    pgSecretArn: secretArnOf(pg),
    scaleSecretArns: scale.map(secretArnOf),
  };
}

const STS_OPERATIONS = new Set(["AssumeRole", "GetCallerIdentity"]);

interface CallDelta {
  sts: number;
  sm: number;
  byOperation: Record<string, number>;
}

/** Calls served between two `calls()` snapshots, STS apart from Secrets Manager. */
export function callDelta(before: Record<string, number>, after: Record<string, number>): CallDelta {
  const byOperation: Record<string, number> = {};
  let sts = 0;
  let sm = 0;
  for (const [op, count] of Object.entries(after)) {
    const d = count - (before[op] ?? 0);
    if (d === 0) continue;
    byOperation[op] = d;
    if (STS_OPERATIONS.has(op)) sts += d;
    else sm += d;
  }
  return { sts, sm, byOperation };
}

export const formatOps = (d: CallDelta) =>
  Object.entries(d.byOperation)
    .filter(([op]) => !STS_OPERATIONS.has(op))
    .map(([op, n]) => `${n.toLocaleString("en-US")} ${op}`)
    .join(" + ") || "0";
