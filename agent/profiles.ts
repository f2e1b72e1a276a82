// Connection profiles: what the agent advertises (names, kinds and a version hash of their shape, never a
// value) and how a profile becomes a tester's settings and values, resolving `{ secret }` fields on the way.
import { createHash } from "node:crypto";
import type { AdvertisedProfile, ConnectionTestResult } from "@/lib/agent/protocol";
import type { ConnectionType, CredentialFieldName } from "@/lib/connections/types";
import type { AgentConfig, HttpProfile, PostgresProfile, ProfileField } from "./config";
import type { SecretReader } from "./secrets";

type Step = ConnectionTestResult["steps"][number];

/** The shape of a profile with every literal credential replaced by a marker, so its hash reveals nothing. */
function shapeOf(profile: Record<string, unknown>, credentials: readonly string[]): unknown {
  return Object.fromEntries(
    Object.entries(profile)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, credentials.includes(k) && typeof v === "string" ? "(literal)" : v]),
  );
}

const version = (shape: unknown) => createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 12);
const PG_CREDENTIALS = ["username", "password"];
const HTTP_CREDENTIALS = ["token", "username", "password", "headerValue"];

export function advertisedProfiles(config: AgentConfig): AdvertisedProfile[] {
  return [
    ...Object.entries(config.database).map(([name, p]) => ({ name, kind: "postgres" as const, version: version(shapeOf(p, PG_CREDENTIALS)) })),
    ...Object.entries(config.http).map(([name, p]) => ({ name, kind: "http" as const, version: version(shapeOf(p, HTTP_CREDENTIALS)) })),
  ];
}

export interface ResolvedProfile {
  type: ConnectionType;
  settings: Record<string, unknown>;
  values: Partial<Record<CredentialFieldName, string>>;
  steps: Step[];
  ok: boolean;
}

/** Resolves one field; a failure becomes a step naming the secret (the SDK's message never holds a value). */
async function resolveField(field: ProfileField | undefined, label: string, read: SecretReader | null, steps: Step[]): Promise<string | undefined> {
  if (field === undefined || typeof field === "string") return field;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (!read) {
    steps.push({ step: `${label}: secret ${field.secret}`, ok: false, ms: 0, message: "No secrets provider is configured on the agent." });
    return undefined;
  }
  try {
    const value = await read(field.secret);
    steps.push({ step: `${label}: secret ${field.secret}`, ok: true, ms: ms(), message: "Resolved on the agent." });
    return value;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    steps.push({ step: `${label}: secret ${field.secret}`, ok: false, ms: ms(), message: message.slice(0, 500) });
    return undefined;
  }
}

export async function resolveProfile(config: AgentConfig, name: string, type: ConnectionType, read: SecretReader | null): Promise<ResolvedProfile | null> {
  const steps: Step[] = [];
  const r = (f: ProfileField | undefined, label: string) => resolveField(f, label, read, steps);
  if (type === "postgres") {
    const p: PostgresProfile | undefined = config.database[name];
    if (!p) return null;
    const [host, port, database, user, password] = [
      await r(p.host, "host"),
      await r(p.port, "port"),
      await r(p.database, "database"),
      await r(p.username, "username"),
      await r(p.password, "password"),
    ];
    const settings = { host, port: Number(port), database, sslMode: p.sslMode };
    return { type, settings, values: { user, password }, steps, ok: steps.every((s) => s.ok) };
  }
  if (type === "http") {
    const p: HttpProfile | undefined = config.http[name];
    if (!p) return null;
    const baseUrl = await r(p.baseUrl, "baseUrl");
    const values = {
      token: await r(p.token, "token"),
      user: await r(p.username, "username"),
      password: await r(p.password, "password"),
      header_value: await r(p.headerValue, "headerValue"),
    };
    const settings = { baseUrl, authKind: p.authKind, headerName: p.headerName, testPath: p.testPath };
    return { type, settings, values, steps, ok: steps.every((s) => s.ok) };
  }
  return null;
}
