// Microsoft Entra ID (login.microsoftonline.com) as msal-node sees it: the v2.0 token endpoint for the
// client-credentials grant, OpenID discovery, instance discovery and JWKS, with Entra's error shapes
// ({ error, error_description "AADSTS…: … Trace ID … Correlation ID … Timestamp …", error_codes, … }).
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { aadTimestamp, readBody, sendJson } from "./http-util";
import type { EmulatorState } from "./fixture";
import { KEY_VAULT_RESOURCE, TOKEN_LIFETIME_SECONDS, type TokenSigner } from "./tokens";

export const ENTRA_HOSTS = ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"];
const KNOWN_RESOURCES = [KEY_VAULT_RESOURCE, "cfa8b339-82a2-471a-a3c9-0fc0be7a4093"];

type EntraOperation = "token" | "openidConfiguration" | "instanceDiscovery" | "keys";

export function entraOperation(method: string, pathname: string): EntraOperation | undefined {
  if (method === "POST" && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(pathname)) return "token";
  if (method === "GET" && /^\/[^/]+\/v2\.0\/\.well-known\/openid-configuration$/.test(pathname)) return "openidConfiguration";
  if (method === "GET" && pathname === "/common/discovery/instance") return "instanceDiscovery";
  if (method === "GET" && /^\/[^/]+\/discovery\/(v2\.0\/)?keys$/.test(pathname)) return "keys";
  return undefined;
}

interface EntraContext {
  state: EmulatorState;
  signer: TokenSigner;
}

function aadError(res: ServerResponse, status: number, error: string, code: number, description: string, clientRequestId?: string) {
  const traceId = randomUUID();
  const correlationId = clientRequestId ?? randomUUID();
  const timestamp = aadTimestamp();
  sendJson(
    res,
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { "x-ms-request-id": traceId, ...(clientRequestId ? { "client-request-id": clientRequestId } : {}) },
  );
}

const tenantNotFound = (tenant: string) =>
  `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;

async function token(req: IncomingMessage, res: ServerResponse, url: URL, ctx: EntraContext) {
  const tenant = decodeURIComponent(url.pathname.split("/")[1] ?? "");
  const requestId = req.headers["client-request-id"]?.toString();
  const form = new URLSearchParams(await readBody(req));
  const apps = ctx.state.tenants.get(tenant.toLowerCase());
  if (!apps) return aadError(res, 400, "invalid_request", 90002, tenantNotFound(tenant), requestId);
  if (form.get("grant_type") !== "client_credentials") {
    return aadError(res, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type ''.", requestId);
  }
  const clientId = form.get("client_id") ?? "";
  const app = apps.get(clientId.toLowerCase());
  if (!app) {
    return aadError(
      res,
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      requestId,
    );
  }
  const presented = form.get("client_secret");
  if (!presented) {
    return aadError(
      res,
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      requestId,
    );
  }
  const matching = app.secrets.filter((s) => s.value === presented);
  if (matching.length === 0) {
    return aadError(
      res,
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      requestId,
    );
  }
  if (matching.every((s) => s.expiresAt !== undefined && s.expiresAt <= Date.now())) {
    return aadError(
      res,
      401,
      "invalid_client",
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      requestId,
    );
  }
  const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
  const resource = scopes.find((s) => s.endsWith("/.default"))?.replace(/\/+\.default$/, "");
  if (!resource) {
    return aadError(
      res,
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scopes.join(" ")} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      requestId,
    );
  }
  if (!KNOWN_RESOURCES.includes(resource)) {
    return aadError(
      res,
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      requestId,
    );
  }
  const accessToken = ctx.signer.mint({
    tenantId: tenant.toLowerCase(),
    clientId: app.clientId,
    objectId: app.objectId,
    audience: KEY_VAULT_RESOURCE,
  });
  sendJson(
    res,
    200,
    { token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken },
    requestId ? { "client-request-id": requestId } : {},
  );
}

function openidConfiguration(res: ServerResponse, url: URL, host: string, ctx: EntraContext) {
  const tenant = decodeURIComponent(url.pathname.split("/")[1] ?? "");
  const generic = ["common", "organizations", "consumers"].includes(tenant);
  if (!generic && !ctx.state.tenants.has(tenant.toLowerCase())) {
    return aadError(res, 400, "invalid_tenant", 90002, tenantNotFound(tenant));
  }
  const base = `https://${host}/${tenant}`;
  sendJson(res, 200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `https://${host}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: generic ? `https://${host}/{tenantid}/v2.0` : `https://${host}/${tenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid"],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  });
}

function instanceDiscovery(res: ServerResponse, url: URL) {
  const endpoint = url.searchParams.get("authorization_endpoint") ?? "";
  let host = "";
  try {
    host = new URL(endpoint).host.toLowerCase();
  } catch {
    // falls through to invalid_instance, as Entra answers for anything it cannot place
  }
  if (!ENTRA_HOSTS.includes(host)) {
    return aadError(res, 400, "invalid_instance", 50049, "Unknown or invalid instance.");
  }
  const tenant = new URL(endpoint).pathname.split("/")[1] ?? "common";
  sendJson(res, 200, {
    tenant_discovery_endpoint: `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ENTRA_HOSTS }],
  });
}

export async function handleEntra(op: EntraOperation, req: IncomingMessage, res: ServerResponse, url: URL, host: string, ctx: EntraContext): Promise<void> {
  switch (op) {
    case "token":
      return token(req, res, url, ctx);
    case "openidConfiguration":
      return openidConfiguration(res, url, host, ctx);
    case "instanceDiscovery":
      return instanceDiscovery(res, url);
    case "keys":
      return sendJson(res, 200, ctx.signer.jwks());
  }
}
