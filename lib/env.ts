// The only reader of process.env (docs/style.md rule 8). Imported by next.config.ts so a bad value fails the
// start with a message naming each variable; SKIP_ENV_VALIDATION lets `next build` run without runtime
// configuration.
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "./net/client-address";

const optionalUrl = z.url().optional();

/** The provider kinds PROVIDERS may list (the same four as lib/secrets/types.ts; env.test.ts keeps them equal). */
export const PROVIDER_KIND_NAMES = ["aws", "azure", "vault", "gcp"] as const;
/** The emulator's account: the embedded demo's and tests' default, never a production value. */
export const EMULATOR_AWS_ACCOUNT_ID = "111122223333";

const providerList = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.enum(PROVIDER_KIND_NAMES, { error: (i) => `unknown provider kind "${String(i.input)}": use a comma list of ${PROVIDER_KIND_NAMES.join(", ")}` }))
      .min(1, `enable at least one of ${PROVIDER_KIND_NAMES.join(", ")}`),
  );

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./data/keyhold.db"),
  /** Base64 of 32 random bytes. When unset, MASTER_KEY_FILE is read (and created on first start). */
  MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes")
    .optional(),
  MASTER_KEY_FILE: z.string().min(1).default("./data/master.key"),
  /** Our AWS account: the principal customers trust in their role's trust policy. */
  PLATFORM_AWS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "must be a 12-digit AWS account ID")
    .default(EMULATOR_AWS_ACCOUNT_ID),
  /** The provider kinds admins may choose, e.g. "azure,vault,gcp" switches AWS off. */
  PROVIDERS: providerList.default([...PROVIDER_KIND_NAMES]),
  /** SDK endpoint overrides, read by the AWS SDK itself; declared here so a typo fails at start. */
  AWS_ENDPOINT_URL: optionalUrl,
  AWS_ENDPOINT_URL_STS: optionalUrl,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: optionalUrl,
  AZURE_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
  GOOGLE_SECRET_MANAGER_ENDPOINT: z.string().min(1).default("secretmanager.googleapis.com"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Proxies whose X-Forwarded-For the server entry believes: their addresses / CIDR ranges (comma-separated),
   * or a hop count. Default: none, so the socket address is the client (lib/net/client-address.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text, ctx): TrustedProxies => {
      try {
        return parseTrustedProxies(text);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * Sign a session out after this many minutes without a request (next to SESSION_TTL_HOURS, the absolute
   * lifetime). Activity is recorded at most once a minute (lib/data/sessions.ts).
   */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 60)
    .default(30),
  /**
   * The instance credential of instance-wide endpoints (metrics), sent as `Authorization: Bearer <value>`
   * (lib/auth/instance-credential.ts). Unset: /api/metrics answers 404 (docs/operations.md "Metrics").
   */
  METRICS_TOKEN: z.string().trim().min(32, "must be at least 32 characters, e.g. the output of `openssl rand -base64 32`").optional(),
  /**
   * Per user and per API token, in each server process (lib/services/rate-limit.ts): Test of a connection or a
   * provider, Refresh, and secret browsing (a listing page or one secret's key names). They cost provider calls
   * and open network connections; over the limit the caller gets 429 with Retry-After.
   */
  RATE_LIMIT_TEST_PER_MINUTE: perMinute(30),
  RATE_LIMIT_REFRESH_PER_MINUTE: perMinute(30),
  RATE_LIMIT_BROWSE_PER_MINUTE: perMinute(120),
  /**
   * The console's public address when it is served behind a proxy under another origin (e.g.
   * https://keyhold.example.com): the one origin the request gate accepts forms from (lib/http/request-gate.ts).
   */
  PUBLIC_URL: z.url().optional(),
  /** How long the per-minute aggregates behind the Operations page are kept. */
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  /** How often this instance writes its per-minute aggregates. */
  METRICS_FLUSH_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** This instance's name in the aggregates (default: host name and process id). */
  INSTANCE_ID: z.string().min(1).max(100).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
});

type Env = z.infer<typeof envSchema>;

/** Parses an environment; throws one error that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

/**
 * What a production server needs beyond envSchema, checked when the server starts (instrumentation.ts), not in
 * envSchema: `next build` also runs with NODE_ENV=production and must not need runtime configuration. Null when
 * the start may go on, else the message to refuse it with. The embedded demo sets the emulator's account itself.
 */
export function productionStartProblem(source: Record<string, string | undefined> = process.env): string | null {
  if (source.NODE_ENV !== "production" || source.NEXT_PHASE === "phase-production-build") return null;
  const providers = providerList.safeParse(source.PROVIDERS ?? PROVIDER_KIND_NAMES.join(","));
  if (!providers.success || !providers.data.includes("aws") || source.PLATFORM_AWS_ACCOUNT_ID?.trim()) return null;
  return [
    "Keyhold refuses to start: PLATFORM_AWS_ACCOUNT_ID is not set.",
    "  It is Keyhold's own 12-digit AWS account, the principal customers trust in their IAM role's trust policy;",
    `  without it every AWS role would trust the emulator's account (${EMULATOR_AWS_ACCOUNT_ID}).`,
    "  Set PLATFORM_AWS_ACCOUNT_ID, or switch the AWS provider off with PROVIDERS=azure,vault,gcp.",
  ].join("\n");
}

function load(): Env {
  if (process.env.SKIP_ENV_VALIDATION === "1") return envSchema.parse({});
  return parseEnv(process.env);
}

export const env: Env = load();

/**
 * The AWS SDK's endpoint variables as the SDK sees them when it builds a client: read live, not from `env`,
 * because the SDK reads process.env itself at that moment. A group-routed AWS configuration pins its agent
 * jobs to the Secrets Manager origin these name (lib/secrets/providers/aws/endpoint.ts).
 */
export function awsEndpointVariables(): Record<string, string | undefined> {
  const { AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS } = process.env;
  return { AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS };
}
