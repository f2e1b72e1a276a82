// The /v1/ API: namespace resolution (X-Vault-Namespace header or a namespace path prefix), sys/health,
// AppRole login, the sys/internal/ui/mounts endpoints Vault's CLI uses to detect KV versions, and the KV
// routes. Returns plain responses; the HTTP plumbing lives in index.ts.
import { handleLogical } from "./kv-routes";
import { errors, invalidToken, listParam, ok, permissionDenied, sealed, unsupportedOperation, type ApiRequest, type ApiResponse } from "./responses";
import type { MountState, VaultState } from "./vault-state";

/** Operation names the emulator counts calls and targets faults by. */
export type VaultOperation = "login" | "read" | "list" | "write" | "mounts" | "health";

interface Resolved {
  /** Namespace-relative path without /v1/ and without surrounding slashes. */
  path: string;
  inNamespace: boolean;
}

function resolve(state: VaultState, req: ApiRequest): Resolved {
  const raw = req.path.replace(/^\/v1\/?/, "");
  let path = raw.split("/").map(safeDecode).join("/").replace(/^\/+/, "");
  let ns = (req.headers["x-vault-namespace"] ?? "").replace(/^\/+|\/+$/g, "");
  if (state.namespace && ns !== state.namespace) {
    // Vault also accepts the (rest of the) namespace as a path prefix.
    const rel = !ns ? state.namespace : state.namespace.startsWith(`${ns}/`) ? state.namespace.slice(ns.length + 1) : "";
    if (rel && (path === rel || path.startsWith(`${rel}/`))) {
      ns = state.namespace;
      path = path.slice(rel.length + 1);
    }
  }
  return { path, inNamespace: ns === state.namespace };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function operationOf(req: ApiRequest): VaultOperation {
  const path = req.path.replace(/\/+$/, "");
  if (/\/sys\/health$/.test(path)) return "health";
  if (/\/sys\/internal\/ui\/mounts(\/|$)/.test(path)) return "mounts";
  if (/\/auth\/.+\/login$/.test(path) && (req.method === "POST" || req.method === "PUT")) return "login";
  if (req.method === "LIST" || (req.method === "GET" && listParam(req.query))) return "list";
  if (req.method === "GET") return "read";
  return "write";
}

export function handleApi(state: VaultState, req: ApiRequest): ApiResponse {
  const { path, inNamespace } = resolve(state, req);
  const op = operationOf(req);
  if (op === "health") return health(state);
  if (state.sealed) return sealed();
  const token = req.headers["x-vault-token"] || undefined;
  if (op === "login") return login(state, path, inNamespace, req.body);
  if (op === "mounts") {
    if (req.method !== "GET") return unsupportedOperation();
    const target = path.replace(/^sys\/internal\/ui\/mounts\/?/, "");
    return target ? uiMount(state, target, token, inNamespace) : uiMounts(state, token, inNamespace);
  }
  if (!["GET", "LIST", "POST", "PUT"].includes(req.method)) return unsupportedOperation();
  return handleLogical(state, { operation: op, path, token, inNamespace, body: req.body, query: req.query });
}

function health(state: VaultState): ApiResponse {
  const body = {
    initialized: true,
    sealed: state.sealed,
    standby: false,
    performance_standby: false,
    replication_performance_mode: "disabled",
    replication_dr_mode: "disabled",
    server_time_utc: Math.floor(Date.now() / 1000),
    version: "1.19.0",
    cluster_name: "vault-cluster-emulator",
  };
  return { status: state.sealed ? 503 : 200, body };
}

function login(state: VaultState, path: string, inNamespace: boolean, body: unknown): ApiResponse {
  const mountName = path.slice("auth/".length, -"/login".length);
  const mount = inNamespace ? state.auth[mountName] : undefined;
  // Without an auth method there, the path is not a login path: Vault asks for a token and has none.
  if (mount?.type !== "approle") return permissionDenied();
  const input = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const roleId = typeof input.role_id === "string" ? input.role_id.trim() : "";
  const secretId = typeof input.secret_id === "string" ? input.secret_id.trim() : "";
  if (!roleId) return errors(400, "missing role_id");
  const found = Object.entries(mount.roles).find(([, role]) => role.roleId === roleId);
  if (!found) return errors(400, "invalid role or secret ID");
  const [roleName, role] = found;
  if (!secretId) return errors(400, "missing secret_id");
  const index = role.secretIds.findIndex((s) => s.id === secretId);
  const entry = role.secretIds[index];
  if (!entry || (entry.expiresAt && Date.parse(entry.expiresAt) <= Date.now())) {
    return errors(400, "invalid role or secret ID");
  }
  if (entry.numUses !== undefined) {
    entry.numUses -= 1;
    if (entry.numUses <= 0) role.secretIds.splice(index, 1);
  }
  const ttl = role.tokenTtlSeconds ?? 2_764_800;
  const clientToken = state.issueToken(roleName, mountName, role.policies, ttl);
  const issued = state.lookupToken(clientToken);
  return ok(null, {
    auth: {
      client_token: clientToken,
      accessor: issued?.accessor ?? "",
      policies: issued?.policies ?? [],
      token_policies: issued?.policies ?? [],
      metadata: { role_name: roleName },
      lease_duration: ttl,
      renewable: true,
      entity_id: "",
      token_type: "service",
      orphan: true,
      mfa_requirement: null,
      num_uses: 0,
    },
  });
}

// Mounts Vault always has; they show up in the UI listings like any other.
const BUILTIN_MOUNTS: Array<Pick<MountState, "path" | "type" | "description">> = [
  { path: "cubbyhole/", type: "cubbyhole", description: "per-token private secret storage" },
  { path: "sys/", type: "system", description: "system endpoints used for control, policy and debugging" },
];

function allMounts(state: VaultState): Array<Pick<MountState, "path" | "type" | "description"> & Partial<MountState>> {
  return [...BUILTIN_MOUNTS, ...state.mounts.values()];
}

function mountInfo(m: Pick<MountState, "path" | "type" | "description"> & Partial<MountState>) {
  return {
    accessor: m.accessor ?? `${m.type}_00000000`,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: m.description,
    external_entropy_access: false,
    local: m.type === "cubbyhole",
    options: m.type === "kv" ? { version: m.version ?? "1" } : null,
    plugin_version: "",
    running_plugin_version: `v0.0.0+builtin`,
    running_sha256: "",
    seal_wrap: m.type === "cubbyhole",
    type: m.type,
    uuid: m.uuid ?? "00000000-0000-0000-0000-000000000000",
  };
}

function uiMounts(state: VaultState, token: string | undefined, inNamespace: boolean): ApiResponse {
  const secret: Record<string, unknown> = {};
  const auth: Record<string, unknown> = {};
  if (token) {
    const t = inNamespace ? state.lookupToken(token) : undefined;
    if (!t) return invalidToken();
    const acl = state.aclFor(t);
    for (const m of allMounts(state)) if (acl.hasMountAccess(m.path)) secret[m.path] = mountInfo(m);
    const authMounts = [{ path: "token/", type: "token" }, ...Object.entries(state.auth).map(([p, a]) => ({ path: `${p}/`, type: a.type }))];
    for (const m of authMounts) {
      if (acl.hasMountAccess(`auth/${m.path}`)) auth[m.path] = mountInfo({ ...m, description: "" });
    }
  }
  return ok({ secret, auth }, { mount_type: "system" });
}

function uiMount(state: VaultState, target: string, token: string | undefined, inNamespace: boolean): ApiResponse {
  const path = target.endsWith("/") ? target : `${target}/`;
  const denied = errors(403, `preflight capability check returned 403, please ensure client's policies grant access to path "${path}"`);
  const mount = inNamespace
    ? allMounts(state)
        .filter((m) => path.startsWith(m.path))
        .sort((a, b) => b.path.length - a.path.length)[0]
    : undefined;
  if (!mount) return denied;
  if (!token) return permissionDenied();
  const t = state.lookupToken(token);
  if (!t) return invalidToken();
  if (!state.aclFor(t).hasMountAccess(mount.path)) return denied;
  return ok({ ...mountInfo(mount), path: mount.path }, { mount_type: "system" });
}
