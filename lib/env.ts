// The only reader of process.env (docs/style.md rule 8). Imported by next.config.ts so a bad value fails the
// start with a message naming each variable; SKIP_ENV_VALIDATION lets `next build` run without runtime
// configuration.
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "./net/client-address";

const optionalUrl = z.url().optional();

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
    .default("111122223333"),
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

function load(): Env {
  if (process.env.SKIP_ENV_VALIDATION === "1") return envSchema.parse({});
  return parseEnv(process.env);
}

export const env: Env = load();
