// The agent's configuration file (docs/agent.md): YAML, validated with zod; every error names the YAML line it
// is about. Profile fields are literals or `{ secret: '<name>' }`, resolved by the agent from the secrets
// manager named here, with the agent's own credentials (never the console's).
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from "yaml";
import { z } from "zod";

const secretRef = z.strictObject({ secret: z.string().trim().min(1, "Name the secret: { secret: '<name>' }.") });
/** A profile field: a literal (numbers allowed for ports) or a secret reference. */
const field = z.union([z.string(), z.number().transform(String), secretRef], {
  error: (issue) => (issue.input === undefined ? "Required." : "Use a literal or { secret: '<name>' }."),
});
export type ProfileField = z.infer<typeof field>;

const postgresProfile = z.strictObject({
  adapter: z.literal(["postgresql", "postgres"]),
  host: field,
  port: field.default("5432"),
  database: field,
  username: field,
  password: field,
  sslMode: z.enum(["disable", "require", "verify-full"]).default("require"),
});

const httpProfile = z.strictObject({
  baseUrl: field,
  authKind: z.enum(["none", "bearer", "basic", "header"]).default("none"),
  headerName: z.string().optional(),
  testPath: z.string().default("/"),
  token: field.optional(),
  username: field.optional(),
  password: field.optional(),
  headerValue: field.optional(),
});

const secretsSchema = z.discriminatedUnion("provider", [
  z.strictObject({ provider: z.literal("aws"), region: z.string().min(1).optional(), endpoint: z.url().optional() }),
  z.strictObject({ provider: z.literal("azure"), vaultUrl: z.url(), tenantId: z.string().optional(), clientId: z.string().optional() }),
  z.strictObject({ provider: z.literal("google"), endpoint: z.string().optional() }),
]);

/** An origin (scheme://host[:port]) the agent may forward provider requests to; anything else is refused. */
const forwardOrigin = z
  .url({ protocol: /^https?$/, error: "Use an origin like https://vault.internal:8200." })
  .check(
    z.refine((u) => {
      const url = new URL(u);
      return url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    }, "Use an origin only (scheme, host and port), no path."),
  )
  .transform((u) => new URL(u).origin);

/** Cloud profiles (docs/agent.md): the provider endpoints this agent forwards the console's requests to. */
const forwardSchema = z.strictObject({ allow: z.array(forwardOrigin).max(50).default([]) });

const profileName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "Use letters, digits, '.', '_' or '-' for profile names.");

export const configSchema = z.strictObject({
  console: z.strictObject({
    url: z.url({ protocol: /^https?$/, error: "Enter the console's address, e.g. https://keyhold.example.com." }),
    /** Or KEYHOLD_AGENT_KEY in the environment (preferred: keeps the key out of the file). */
    key: z.string().optional(),
  }),
  secrets: secretsSchema.optional(),
  database: z.record(profileName, postgresProfile).default({}),
  http: z.record(profileName, httpProfile).default({}),
  forward: forwardSchema.default({ allow: [] }),
});
export type AgentConfig = z.infer<typeof configSchema>;
export type PostgresProfile = z.infer<typeof postgresProfile>;
export type HttpProfile = z.infer<typeof httpProfile>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid agent configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The line of the key of the deepest entry that exists along `path` (a missing key points at its parent's key). */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 1; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
    if (!isMap(parent)) continue;
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
    if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
  }
  return 1;
}

export function parseConfig(text: string, file = "config"): AgentConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${file}:${counter.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`));
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) {
    const usesSecrets = JSON.stringify(parsed.data).includes('"secret":');
    if (usesSecrets && !parsed.data.secrets)
      throw new ConfigError([`${file}:1: profiles use { secret: … } fields: add a secrets: section (provider: aws | azure | google).`]);
    return parsed.data;
  }
  throw new ConfigError(parsed.error.issues.map((i) => `${file}:${lineOf(doc, counter, i.path)}: ${i.path.join(".") || "(top)"}: ${i.message}`));
}

export function loadConfig(path: string): AgentConfig {
  return parseConfig(readFileSync(path, "utf8"), path);
}
