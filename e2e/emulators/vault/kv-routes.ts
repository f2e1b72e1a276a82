// Token-authenticated logical requests: the ACL check on the request path (with the trailing slash Vault adds
// to LIST paths), then routing to the mount and its KV v1 / KV v2 API.
import {
  aclDenied,
  envelope,
  invalidToken,
  kvV2WrongPath,
  noHandler,
  notFound,
  ok,
  permissionDenied,
  unsupportedOperation,
  unsupportedPath,
  type ApiResponse,
} from "./responses";
import type { KvEntry, KvVersion, MountState, VaultState } from "./vault-state";

interface LogicalRequest {
  operation: "read" | "list" | "write";
  /** Namespace-relative path without /v1/. */
  path: string;
  token: string | undefined;
  inNamespace: boolean;
  body: unknown;
  query: URLSearchParams;
}

// Vault's KV v1 reads carry the mount's default lease (768h) as a refresh hint.
const KV_V1_LEASE_SECONDS = 2_764_800;

export function handleLogical(state: VaultState, req: LogicalRequest): ApiResponse {
  if (!req.token) return permissionDenied();
  const token = req.inNamespace ? state.lookupToken(req.token) : undefined;
  if (!token) return invalidToken();

  const mount = req.inNamespace ? state.matchMount(req.path) : undefined;
  const rel = mount ? req.path.slice(mount.path.length) : "";
  const aclPath = req.operation === "list" && !req.path.endsWith("/") ? `${req.path}/` : req.path;
  const capability = req.operation === "list" ? "list" : req.operation === "read" ? "read" : existing(mount, rel) ? "update" : "create";
  if (!state.aclFor(token).allows(aclPath, capability)) return aclDenied();
  if (!mount) return noHandler(req.path);
  if (mount.type !== "kv") return unsupportedPath();
  return mount.version === "2" ? kvV2(state, mount, rel, req) : kvV1(state, mount, rel, req);
}

function existing(mount: MountState | undefined, rel: string): boolean {
  if (!mount) return false;
  const key = mount.version === "2" && rel.startsWith("data/") ? rel.slice("data/".length) : rel;
  return mount.entries.has(key);
}

function kvV1(state: VaultState, mount: MountState, rel: string, req: LogicalRequest): ApiResponse {
  switch (req.operation) {
    case "list":
      return listFolder(mount, rel);
    case "read": {
      const data = mount.entries.get(rel)?.versions.at(-1)?.data;
      return data ? ok(data, { lease_duration: KV_V1_LEASE_SECONDS, mount_type: "kv" }) : notFound();
    }
    case "write":
      if (!isObject(req.body)) return { status: 400, body: { errors: ["no data provided"] } };
      state.writeSecret(mount, rel, req.body);
      return { status: 204 };
  }
}

function kvV2(state: VaultState, mount: MountState, rel: string, req: LogicalRequest): ApiResponse {
  const [section, ...rest] = rel.split("/");
  const path = rest.join("/");
  if (section === "metadata") {
    if (req.operation === "list") return listFolder(mount, path);
    if (req.operation === "read") {
      const entry = mount.entries.get(path);
      return entry ? ok(metadataOf(entry), { mount_type: "kv" }) : notFound();
    }
    return unsupportedOperation();
  }
  if (section !== "data") return kvV2WrongPath(req.operation === "list" ? "list" : req.operation === "read" ? "get" : "put");
  if (req.operation === "list") return unsupportedOperation();
  if (req.operation === "write") {
    const body = isObject(req.body) ? req.body : {};
    if (!isObject(body.data)) return { status: 400, body: { errors: ["no data provided"] } };
    const version = state.writeSecret(mount, path, body.data);
    const entry = mount.entries.get(path);
    return ok(versionMetadata(version, entry?.versions.length ?? 1), { mount_type: "kv" });
  }
  const entry = mount.entries.get(path);
  if (!entry) return notFound();
  const requested = Number(req.query.get("version") ?? "0");
  const number = requested > 0 ? requested : entry.versions.length;
  const version = entry.versions[number - 1];
  if (!version) return notFound();
  const metadata = versionMetadata(version, number);
  // A deleted or destroyed version answers 404 with its metadata, as Vault does.
  if (version.destroyed || version.deletionTime || !version.data) {
    return { status: 404, body: envelope({ data: null, metadata }, { mount_type: "kv" }) };
  }
  return ok({ data: version.data, metadata }, { mount_type: "kv" });
}

function listFolder(mount: MountState, folder: string): ApiResponse {
  const prefix = folder === "" || folder.endsWith("/") ? folder : `${folder}/`;
  const keys = new Set<string>();
  for (const path of mount.entries.keys()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  if (keys.size === 0) return notFound();
  return ok({ keys: [...keys].sort() }, { mount_type: "kv" });
}

function versionMetadata(version: KvVersion, number: number) {
  return {
    created_time: version.createdTime,
    custom_metadata: null,
    deletion_time: version.deletionTime,
    destroyed: version.destroyed,
    version: number,
  };
}

function metadataOf(entry: KvEntry) {
  const versions = Object.fromEntries(
    entry.versions.map((v, i) => [String(i + 1), { created_time: v.createdTime, deletion_time: v.deletionTime, destroyed: v.destroyed }]),
  );
  return {
    cas_required: false,
    created_time: entry.versions[0]?.createdTime ?? "",
    current_version: entry.versions.length,
    custom_metadata: null,
    delete_version_after: "0s",
    max_versions: 0,
    oldest_version: 0,
    updated_time: entry.versions.at(-1)?.createdTime ?? "",
    versions,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
