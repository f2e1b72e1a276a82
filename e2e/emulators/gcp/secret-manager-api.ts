// The Secret Manager v1 REST surface the Node SDK uses in REST ("fallback") mode, after the HTTP rules in
// @google-cloud/secret-manager's protos.json: GET /v1/{name=projects/*/secrets/*/versions/*}:access,
// GET /v1/{parent=projects/*}/secrets, and the read-only secret and version getters/listers.
import { createHash } from "node:crypto";
import type { GcpFixture, VersionState } from "./fixture";
import { googleError, permissionDenied, type Reply } from "./google-errors";
import type { GcpState, SecretRecord, VersionRecord } from "./state";

type ApiOperation = "accessSecretVersion" | "listSecrets" | "getSecret" | "listSecretVersions" | "getSecretVersion";

interface ApiRoute {
  op: ApiOperation;
  /** The RPC name, as error metadata spells it. */
  rpc: string;
  project: string;
  secretId?: string;
  version?: string;
}

const ROUTE = /^\/v1\/projects\/([^/:]+)\/secrets(?:\/([^/:]+)(?:\/versions(?:\/([^/:]+)(:access)?)?)?)?$/;
const STATE_NUMBER: Record<VersionState, number> = { ENABLED: 1, DISABLED: 2, DESTROYED: 3 };
const MAX_PAGE_SIZE = 25_000;

export function routeApi(pathname: string): ApiRoute | undefined {
  const m = ROUTE.exec(pathname);
  if (!m) return undefined;
  let parts: Array<string | undefined>;
  try {
    parts = m.map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  } catch {
    return undefined;
  }
  const [, project, secretId, version, access] = parts;
  if (!project) return undefined;
  const base = { project, secretId, version };
  if (!secretId) return { ...base, op: "listSecrets", rpc: "ListSecrets" };
  if (access) return { ...base, op: "accessSecretVersion", rpc: "AccessSecretVersion" };
  if (version) return { ...base, op: "getSecretVersion", rpc: "GetSecretVersion" };
  if (pathname.endsWith("/versions")) return { ...base, op: "listSecretVersions", rpc: "ListSecretVersions" };
  return { ...base, op: "getSecret", rpc: "GetSecret" };
}

export class SecretManagerApi {
  constructor(
    private readonly fixture: GcpFixture,
    private readonly state: GcpState,
  ) {}

  handle(route: ApiRoute, query: URLSearchParams, email: string): Reply {
    // Numeric enums are what the SDK asks for ($alt=json;enum-encoding=int); other clients get names.
    const intEnums = (query.get("$alt") ?? "").includes("enum-encoding=int");
    const { project, secretId = "", version = "" } = route;
    const secretName = `projects/${project}/secrets/${secretId}`;
    const requested = {
      listSecrets: `projects/${project}`,
      getSecret: secretName,
      listSecretVersions: secretName,
      getSecretVersion: `${secretName}/versions/${version}`,
      accessSecretVersion: `${secretName}/versions/${version}`,
    }[route.op];
    const permission = {
      listSecrets: "secretmanager.secrets.list",
      getSecret: "secretmanager.secrets.get",
      listSecretVersions: "secretmanager.versions.list",
      getSecretVersion: "secretmanager.versions.get",
      accessSecretVersion: "secretmanager.versions.access",
    }[route.op];
    const ownProject = project === this.fixture.projectId || project === this.fixture.projectNumber;
    // Without the permission Google cannot tell you whether the resource exists: 403 either way.
    if (!ownProject || !this.state.allows(email, permission, route.op === "listSecrets" ? undefined : secretId)) {
      return permissionDenied(permission, requested, route.rpc);
    }
    if (route.op === "listSecrets") return this.listSecrets(query);
    const secret = this.state.secrets.get(secretId);
    const canonical = `projects/${this.fixture.projectNumber}/secrets/${secretId}`;
    if (!secret) {
      const suffix = route.op === "getSecret" || route.op === "listSecretVersions" ? "not found." : "not found or has no versions.";
      return googleError("NOT_FOUND", `Secret [${canonical}] ${suffix}`);
    }
    if (route.op === "getSecret") return ok(this.secretJson(secret));
    if (route.op === "listSecretVersions") {
      const newestFirst = [...secret.versions].reverse();
      return page(query, newestFirst, "versions", (v) => this.versionJson(secret, v, intEnums));
    }
    const resolved = version === "latest" ? secret.versions.at(-1) : /^[1-9]\d*$/.test(version) ? secret.versions[Number(version) - 1] : undefined;
    if (!resolved) {
      return version === "latest"
        ? googleError("NOT_FOUND", `Secret [${canonical}] not found or has no versions.`)
        : googleError("NOT_FOUND", `Secret Version [${canonical}/versions/${version}] not found.`);
    }
    if (route.op === "getSecretVersion") return ok(this.versionJson(secret, resolved, intEnums));
    if (resolved.state !== "ENABLED") {
      return googleError("FAILED_PRECONDITION", `Secret Version [${canonical}/versions/${resolved.number}] is in ${resolved.state} state.`);
    }
    return ok({
      name: `${canonical}/versions/${resolved.number}`,
      payload: { data: resolved.data.toString("base64"), dataCrc32c: String(crc32c(resolved.data)) },
    });
  }

  private listSecrets(query: URLSearchParams): Reply {
    const filter = query.get("filter") ?? "";
    let matches: (s: SecretRecord) => boolean;
    try {
      matches = compileFilter(filter);
    } catch (err) {
      return googleError("INVALID_ARGUMENT", `Invalid filter: ${(err as Error).message}`);
    }
    const secrets = [...this.state.secrets.values()].filter(matches).sort((a, b) => a.id.localeCompare(b.id));
    return page(query, secrets, "secrets", (s) => this.secretJson(s));
  }

  private secretJson(s: SecretRecord) {
    return {
      name: `projects/${this.fixture.projectNumber}/secrets/${s.id}`,
      replication: { automatic: {} },
      createTime: s.createTime,
      ...(s.expireTime ? { expireTime: s.expireTime } : {}),
      ...(Object.keys(s.labels).length ? { labels: s.labels } : {}),
      etag: `"${etagOf(`${s.id}@${s.createTime}@${s.expireTime ?? ""}`)}"`,
    };
  }

  private versionJson(s: SecretRecord, v: VersionRecord, intEnums: boolean) {
    return {
      name: `projects/${this.fixture.projectNumber}/secrets/${s.id}/versions/${v.number}`,
      createTime: v.createTime,
      ...(v.destroyTime ? { destroyTime: v.destroyTime } : {}),
      state: intEnums ? STATE_NUMBER[v.state] : v.state,
      replicationStatus: { automatic: {} },
      etag: `"${etagOf(`${s.id}/${v.number}/${v.state}`)}"`,
    };
  }
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** pageSize 0 or absent: the server decides (here: everything up to the cap); tokens are opaque offsets. */
function page<T>(query: URLSearchParams, items: T[], field: string, toJson: (item: T) => unknown): Reply {
  const pageSize = Number(query.get("pageSize") ?? 0);
  if (!Number.isInteger(pageSize) || pageSize < 0) return googleError("INVALID_ARGUMENT", "page_size must be non-negative.");
  const token = query.get("pageToken") ?? "";
  const filter = query.get("filter") ?? "";
  let offset = 0;
  if (token) {
    const decoded = decodeToken(token);
    if (!decoded || decoded.filter !== filter) return googleError("INVALID_ARGUMENT", "Invalid page token.");
    offset = decoded.offset;
  }
  const size = Math.min(pageSize || MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(JSON.stringify({ offset: offset + size, filter })).toString("base64url") : undefined;
  return ok({
    ...(slice.length ? { [field]: slice.map(toJson) } : {}),
    ...(next ? { nextPageToken: next } : {}),
    ...(items.length ? { totalSize: items.length } : {}),
  });
}

function decodeToken(token: string): { offset: number; filter: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; filter?: unknown };
    return typeof v.offset === "number" && typeof v.filter === "string" ? { offset: v.offset, filter: v.filter } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The part of Google's list-filter syntax that names and labels need: `name:<text>` (substring),
 * `labels.<key>:<text>`, `NOT`/`-` negation, terms joined by spaces or AND, alternatives by OR.
 */
function compileFilter(filter: string): (s: SecretRecord) => boolean {
  if (!filter.trim()) return () => true;
  const alternatives = filter.split(/\s+OR\s+/).map((alt) =>
    alt
      .trim()
      .split(/\s+AND\s+|\s+/)
      .filter(Boolean)
      .map((raw) => {
        const negated = raw.startsWith("-") || raw.startsWith("NOT:");
        const term = raw.replace(/^(-|NOT:)/, "");
        const m = /^(name|labels\.[\w-]+)[:=]"?([^"]*)"?$/.exec(term);
        if (!m?.[1] || m[2] === undefined) throw new Error(`unsupported term "${raw}"`);
        const field = m[1];
        const needle = m[2].replace(/\*$/, "");
        const test = (s: SecretRecord) => (field === "name" ? s.id : (s.labels[field.slice(7)] ?? "")).includes(needle);
        return negated ? (s: SecretRecord) => !test(s) : test;
      }),
  );
  return (s) => alternatives.some((terms) => terms.every((t) => t(s)));
}

function etagOf(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 14);
}

/** CRC32C (Castagnoli), as Secret Manager reports in payload.dataCrc32c. */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
