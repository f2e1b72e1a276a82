// Key Vault's secrets data plane (GET only), in the order the service decides: bearer challenge (401), then
// the firewall, then authorization under the vault's permission model, then the secret itself.
// Errors use Key Vault's shape: { error: { code, message, innererror?: { code } } }.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http-util";
import { grantedPermissions, type SecretVersion, type VaultSecret, type VaultState } from "./fixture";
import { KEY_VAULT_RESOURCE, type AccessTokenClaims, type TokenSigner } from "./tokens";

export const VAULT_HOST_SUFFIX = ".vault.azure.net";
const NAME = /^[0-9a-zA-Z-]{1,127}$/;
const MAX_RESULTS = 25;
const ACCEPTED_AUDIENCES = [KEY_VAULT_RESOURCE, `${KEY_VAULT_RESOURCE}/`, "cfa8b339-82a2-471a-a3c9-0fc0be7a4093"];

export type VaultOperation = "getSecret" | "listSecrets" | "listVersions";

export function vaultOperation(method: string, pathname: string): VaultOperation | undefined {
  if (method !== "GET") return undefined;
  if (/^\/secrets\/?$/.test(pathname)) return "listSecrets";
  if (/^\/secrets\/[^/]+\/versions\/?$/.test(pathname)) return "listVersions";
  if (/^\/secrets\/[^/]+(\/[^/]*)?$/.test(pathname)) return "getSecret";
  return undefined;
}

const serviceHeaders = (vault: VaultState, req: IncomingMessage) => ({
  "x-ms-keyvault-region": vault.location,
  "x-ms-keyvault-service-version": "1.9.2611.1",
  "x-ms-keyvault-network-info": `conn_type=Ipv4;addr=${req.socket.remoteAddress ?? "127.0.0.1"};act_addr_fam=InterNetwork;`,
  "Strict-Transport-Security": "max-age=31536000;includeSubDomains",
  "X-Content-Type-Options": "nosniff",
});

export function kvError(
  res: ServerResponse,
  req: IncomingMessage,
  vault: VaultState,
  status: number,
  code: string,
  message: string,
  inner?: string,
  extraHeaders: Record<string, string> = {},
) {
  const error = inner ? { code, message, innererror: { code: inner } } : { code, message };
  sendJson(res, status, { error }, { ...serviceHeaders(vault, req), ...extraHeaders });
}

/** The claims of a valid token for this vault, or undefined after answering 401 with the challenge. */
export function authenticate(req: IncomingMessage, res: ServerResponse, vault: VaultState, signer: TokenSigner): AccessTokenClaims | undefined {
  const challenge = {
    "WWW-Authenticate": `Bearer authorization="https://login.microsoftonline.com/${vault.tenantId}", resource="${KEY_VAULT_RESOURCE}"`,
  };
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const fail = (message: string) => {
    kvError(res, req, vault, 401, "Unauthorized", message, undefined, challenge);
    return undefined;
  };
  if (!match?.[1]) return fail("AKV10000: Request is missing a Bearer or PoP token.");
  const checked = signer.check(match[1]);
  if (!checked.ok) return fail(checked.reason);
  const { claims } = checked;
  if (!ACCEPTED_AUDIENCES.includes(claims.aud)) {
    return fail(`AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}, found: ${claims.aud}.`);
  }
  const issuer = `https://sts.windows.net/${vault.tenantId}/`;
  if (claims.iss !== issuer) {
    return fail(`AKV10032: Invalid issuer. Expected one of ${issuer}, found ${claims.iss}.`);
  }
  return claims;
}

const attributes = (v: SecretVersion) => ({
  enabled: v.enabled,
  ...(v.notBefore !== undefined ? { nbf: v.notBefore } : {}),
  ...(v.expires !== undefined ? { exp: v.expires } : {}),
  created: v.created,
  updated: v.updated,
  recoveryLevel: "Recoverable+Purgeable",
  recoverableDays: 90,
});

function page<T>(items: T[], url: URL, base: string, path: string, res: ServerResponse, req: IncomingMessage, vault: VaultState, map: (item: T) => unknown) {
  const max = url.searchParams.has("maxresults") ? Number(url.searchParams.get("maxresults")) : MAX_RESULTS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    return kvError(
      res,
      req,
      vault,
      400,
      "BadParameter",
      `Invalid value for maxresults: ${url.searchParams.get("maxresults")}. The value should be between 1 and ${MAX_RESULTS}.`,
    );
  }
  let offset = 0;
  const skip = url.searchParams.get("$skiptoken");
  if (skip) {
    try {
      offset = (JSON.parse(Buffer.from(skip, "base64").toString("utf8")) as { NextMarker: number }).NextMarker;
    } catch {
      return kvError(res, req, vault, 400, "BadParameter", "The value of $skiptoken is invalid.");
    }
  }
  const slice = items.slice(offset, offset + max);
  const next =
    offset + max < items.length
      ? `${base}${base.includes(":", 8) ? "" : ":443"}${path}?api-version=${url.searchParams.get("api-version")}&$skiptoken=${Buffer.from(JSON.stringify({ NextMarker: offset + max, TargetLocation: 0 })).toString("base64")}&maxresults=${max}`
      : null;
  sendJson(res, 200, { value: slice.map(map), nextLink: next }, serviceHeaders(vault, req));
}

export function handleVault(op: VaultOperation, req: IncomingMessage, res: ServerResponse, url: URL, vault: VaultState, claims: AccessTokenClaims): void {
  if (!url.searchParams.get("api-version")) {
    return kvError(res, req, vault, 400, "BadParameter", "The request is missing the required api-version query parameter.");
  }
  const caller = `appid=${claims.appid};oid=${claims.oid};iss=${claims.iss}`;
  if (vault.firewallDenies) {
    return kvError(
      res,
      req,
      vault,
      403,
      "Forbidden",
      `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${req.socket.remoteAddress ?? "127.0.0.1"}\r\nCaller: ${caller}\r\nVault: ${vault.name};location=${vault.location}`,
      "ForbiddenByFirewall",
    );
  }
  const needed = op === "getSecret" ? "get" : "list";
  if (!grantedPermissions(vault, claims.appid).has(needed)) {
    if (vault.permissionModel === "accessPolicy") {
      return kvError(
        res,
        req,
        vault,
        403,
        "Forbidden",
        `The user, group or application '${caller}' does not have secrets ${needed} permission on key vault '${vault.name};location=${vault.location}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
        "AccessDenied",
      );
    }
    const action = needed === "get" ? "getSecret/action" : "readMetadata/action";
    return kvError(
      res,
      req,
      vault,
      403,
      "Forbidden",
      `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${caller}\r\nAction: 'Microsoft.KeyVault/vaults/secrets/${action}'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/keyhold/providers/microsoft.keyvault/vaults/${vault.name.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: ${vault.name};location=${vault.location}\r\n`,
      "ForbiddenByRbac",
    );
  }
  const base = `https://${req.headers.host ?? `${vault.name}${VAULT_HOST_SUFFIX}`}`;
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (op === "listSecrets") {
    const secrets = [...vault.secrets.values()].filter((s) => s.versions.length > 0).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    return page(secrets, url, base, "/secrets", res, req, vault, (s: VaultSecret) => {
      const current = s.versions.at(-1) as SecretVersion;
      return {
        id: `${base}/secrets/${s.name}`,
        attributes: attributes(current),
        ...(s.tags ? { tags: s.tags } : {}),
        ...(current.contentType ? { contentType: current.contentType } : {}),
      };
    });
  }
  const name = segments[1] ?? "";
  if (!NAME.test(name)) {
    return kvError(res, req, vault, 400, "BadParameter", `The request URI contains an invalid name: ${name}`);
  }
  const secret = vault.secrets.get(name.toLowerCase());
  const notFound = (what: string) =>
    kvError(
      res,
      req,
      vault,
      404,
      "SecretNotFound",
      `A secret with (name/id) ${what} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
    );
  if (!secret || secret.versions.length === 0) return notFound(name);
  if (op === "listVersions") {
    return page(secret.versions, url, base, `/secrets/${secret.name}/versions`, res, req, vault, (v: SecretVersion) => ({
      id: `${base}/secrets/${secret.name}/${v.id}`,
      attributes: attributes(v),
      ...(v.contentType ? { contentType: v.contentType } : {}),
    }));
  }
  const requested = segments[2];
  const version = requested ? secret.versions.find((v) => v.id === requested.toLowerCase()) : secret.versions.at(-1);
  if (!version) return notFound(`${name}/${requested}`);
  if (!version.enabled) {
    return kvError(res, req, vault, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
  }
  sendJson(
    res,
    200,
    {
      value: version.value,
      ...(version.contentType ? { contentType: version.contentType } : {}),
      id: `${base}/secrets/${secret.name}/${version.id}`,
      attributes: attributes(version),
      ...(secret.tags ? { tags: secret.tags } : {}),
    },
    serviceHeaders(vault, req),
  );
}
