import "server-only";
// Provider auth material bound to its endpoint (docs/threat-model.md, threat 3). The endpoint key is stored
// inside the encrypted auth blob (`boundTo`), so it is covered by the same authenticated encryption as the
// secret: a database edit cannot re-bind it. Saving a changed endpoint without re-entering the secret is a
// field error; loading a secret whose binding no longer matches its settings is refused before any call.
import { AppError } from "@/lib/errors";
import { AUTH_FIELD, authEndpointOf } from "@/lib/secrets/contracts/auth-endpoint";
import { invalidConfiguration } from "@/lib/secrets/errors";
import { PROVIDER_LABELS, type ProviderKind } from "@/lib/secrets/types";

const SECRET_NAMES: Record<ProviderKind, string> = {
  aws: "",
  azure: "client secret",
  vault: "AppRole secret ID",
  gcp: "service-account key",
};

/** Throws a field error when the settings move the endpoint away from the one the stored secret was entered for. */
export function assertAuthFollows(kind: ProviderKind, before: Record<string, unknown>, after: Record<string, unknown>): void {
  const from = authEndpointOf(kind, before);
  const field = AUTH_FIELD[kind];
  const to = authEndpointOf(kind, after);
  if (from === null || field === null || from === to) return;
  // Same address, other connection type (Cloud ↔ on-prem group): say that, not "another address".
  const message =
    withoutRoute(from) === withoutRoute(to ?? "")
      ? `Re-enter the ${SECRET_NAMES[kind]}: the stored one was entered for ${routeOf(from)} and is never sent by another connection type.`
      : `Re-enter the ${SECRET_NAMES[kind]}: the stored one was entered for ${describe(from)} and is never sent to another address.`;
  throw new AppError("VALIDATION", message, field);
}

const ROUTE = / via=group:(\d+)$/;
const withoutRoute = (key: string) => key.replace(ROUTE, "");
/** "Cloud" or "on-prem group #3": how a key's secret travels. */
const routeOf = (key: string) => {
  const group = ROUTE.exec(key)?.[1];
  return group ? `on-prem group #${group}` : "Cloud (sent by Keyhold directly)";
};

/** The auth blob to encrypt: the secret plus the endpoint it is bound to. */
export function bindAuth(kind: ProviderKind, settings: Record<string, unknown>, auth: Record<string, string>): Record<string, string> {
  const boundTo = authEndpointOf(kind, settings);
  return boundTo === null ? auth : { ...auth, boundTo };
}

/**
 * The decrypted blob without its binding, after checking the binding against the current settings. Blobs
 * stored before bindings existed carry none: the save path guards them from here on.
 */
export function unbindAuth(kind: ProviderKind, settings: Record<string, unknown>, stored: unknown): unknown {
  if (!stored || typeof stored !== "object" || !("boundTo" in stored)) return stored;
  const { boundTo, ...auth } = stored as Record<string, unknown>;
  const now = authEndpointOf(kind, settings);
  if (boundTo !== now) {
    throw invalidConfiguration(
      `The stored ${SECRET_NAMES[kind]} was entered for ${describe(String(boundTo))}, and this ${PROVIDER_LABELS[kind]} configuration now points to ${describe(now ?? "")}: it was not sent.`,
      `Re-enter the ${SECRET_NAMES[kind]} for the new address.`,
    );
  }
  return auth;
}

/** "vault https://v:8200 namespace= via=group:3" → "https://v:8200 through on-prem group #3": the key in words. */
function describe(key: string): string {
  const via = /via=group:(\d+)$/.exec(key);
  const endpoint = key
    .replace(/^\w+ /, "")
    .replace(/ via=group:\d+$/, "")
    .replace(/ namespace=$/, "")
    .trim();
  return via ? `${endpoint} through on-prem group #${via[1]}` : endpoint;
}
