// Builds the official SecretManagerServiceClient from a pasted service-account key, configured as in
// production: REST transport, the SDK's own retries off (withRetries owns them and the deadline), a
// per-request timeout at the HTTP layer so an abandoned attempt frees its socket.
import { createPrivateKey } from "node:crypto";
import { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { gcpInvalidKeyFile } from "./errors";
import { invalidConfiguration, type SecretsError } from "@/lib/secrets/errors";

export const DEFAULT_API_ENDPOINT = "secretmanager.googleapis.com";

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

export interface SdkEndpoint {
  apiEndpoint: string;
  port: number;
  protocol: "https" | "http";
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `secretmanager.googleapis.com`, `host:port`, or a full URL. Plain http is accepted for loopback only
 * (local emulators): elsewhere it would send bearer credentials in clear text.
 */
export function parseApiEndpoint(value: string): SdkEndpoint | SecretsError {
  const raw = value.trim() || DEFAULT_API_ENDPOINT;
  const fix = "Set the Google Secret Manager endpoint to a host name (secretmanager.googleapis.com) or an https:// URL.";
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return invalidConfiguration(`The Google Secret Manager endpoint "${raw}" is not a valid host or URL.`, fix);
  }
  const protocol = url.protocol.slice(0, -1);
  if ((protocol !== "https" && protocol !== "http") || url.pathname.replace(/\/+$/, "") !== "" || url.search || url.username) {
    return invalidConfiguration(`The Google Secret Manager endpoint "${raw}" must be a bare host or an origin URL.`, fix);
  }
  if (protocol === "http" && !LOOPBACK.test(url.hostname)) {
    return invalidConfiguration(`The Google Secret Manager endpoint "${raw}" uses plain http; only loopback emulators may.`, fix);
  }
  const port = url.port ? Number(url.port) : protocol === "https" ? 443 : 80;
  return { apiEndpoint: url.hostname, port, protocol };
}

/**
 * Only real service-account keys are accepted: other credential types (external_account and friends)
 * can make the auth library read files or run programs named in the JSON.
 */
export function parseServiceAccountKey(json: string): ServiceAccountKey | SecretsError {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return gcpInvalidKeyFile("it is not valid JSON");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return gcpInvalidKeyFile("it is not a JSON object");
  const key = data as Record<string, unknown>;
  if (key.type !== "service_account") {
    return gcpInvalidKeyFile(`its type is ${typeof key.type === "string" ? `"${key.type}"` : "missing"}, expected "service_account"`);
  }
  if (typeof key.client_email !== "string" || !key.client_email.includes("@")) return gcpInvalidKeyFile("client_email is missing");
  if (typeof key.private_key !== "string" || !key.private_key) return gcpInvalidKeyFile("private_key is missing");
  try {
    if (createPrivateKey(key.private_key).asymmetricKeyType !== "rsa") return gcpInvalidKeyFile("private_key is not an RSA key");
  } catch {
    return gcpInvalidKeyFile("private_key is not a readable PEM private key");
  }
  return {
    client_email: key.client_email,
    private_key: key.private_key,
    private_key_id: typeof key.private_key_id === "string" ? key.private_key_id : undefined,
    project_id: typeof key.project_id === "string" ? key.project_id : undefined,
  };
}

// Empty retry codes make gax call once; the generated config would retry UNAVAILABLE and
// RESOURCE_EXHAUSTED for up to 600 s on AccessSecretVersion.
const NO_RETRIES = { retry_codes_name: "non_idempotent", retry_params_name: "default" };
const SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";

export function createSecretManagerClient(
  key: ServiceAccountKey,
  endpoint: SdkEndpoint,
  projectId: string,
  requestTimeoutMs: number,
): SecretManagerServiceClient {
  const methods = Object.fromEntries(["AccessSecretVersion", "ListSecrets"].map((m) => [m, { ...NO_RETRIES, timeout_millis: requestTimeoutMs }]));
  return new SecretManagerServiceClient({
    credentials: { type: "service_account", ...key },
    projectId,
    apiEndpoint: endpoint.apiEndpoint,
    port: endpoint.port,
    protocol: endpoint.protocol,
    fallback: true,
    clientConfig: { interfaces: { [SERVICE]: { methods } } },
    clientOptions: { transporterOptions: { timeout: requestTimeoutMs } },
  });
}
