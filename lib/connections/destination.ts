// Where a connection's credentials go (docs/threat-model.md, threat 1). Every stored credential field is bound
// to the destination it was entered for; a save that moves the connection elsewhere must re-enter them or be
// confirmed by a project admin, and a test refuses to send a credential whose binding no longer matches.
// The key is readable (it appears in audit events) and not secret: scheme, host, port, the TLS mode for
// PostgreSQL, and how the destination is reached (`via`: "cloud", or "group:<id>" for an on-prem group whose
// agents connect from inside the customer's network, docs/agent.md). Moving a connection between the cloud and
// a group, or between groups, is a destination change like any other.
// The database name and URL paths are not part of it: they select something on the same server.
import type { ConnectionType } from "./types";

export interface Destination {
  via: "cloud" | `group:${number}`;
  scheme: string;
  host: string;
  port: number;
  /** PostgreSQL's sslMode: "disable" sends the password in clear, so it is part of where it goes. */
  tls?: string;
}

/** The on-prem group a connection's settings name (its "Connection type"), or null for the cloud. */
export function onPremGroupOf(settings: Record<string, unknown>): number | null {
  const id = settings.onPremGroupId;
  return typeof id === "number" && Number.isInteger(id) && id > 0 ? id : null;
}

/** The connection profile (on the group's agents) a connection uses instead of its own fields, if any. */
export function connectionProfileOf(settings: Record<string, unknown>): string | null {
  return onPremGroupOf(settings) !== null && typeof settings.profile === "string" && settings.profile.trim() ? settings.profile.trim() : null;
}

function viaOf(settings: Record<string, unknown>): Destination["via"] {
  const group = onPremGroupOf(settings);
  return group === null ? "cloud" : `group:${group}`;
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

function fromUrl(value: unknown, via: Destination["via"]): Destination | null {
  if (typeof value !== "string") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (!port) return null;
  return { via, scheme: url.protocol.replace(/:$/, ""), host: normalHost(url.hostname), port };
}

/** The destination of a connection's settings; null when the settings do not name one (invalid input). */
export function destinationOf(type: ConnectionType, settings: Record<string, unknown>): Destination | null {
  const via = viaOf(settings);
  // A profile's address lives in the agent's config: the profile's name stands for it.
  const profile = connectionProfileOf(settings);
  if (profile) return { via, scheme: "profile", host: profile.toLowerCase(), port: 0 };
  switch (type) {
    case "postgres": {
      const port = Number(settings.port);
      if (typeof settings.host !== "string" || !settings.host.trim() || !Number.isInteger(port)) return null;
      return { via, scheme: "postgres", host: normalHost(settings.host), port, tls: String(settings.sslMode ?? "") };
    }
    case "http":
      return fromUrl(settings.baseUrl, via);
    case "https_cert":
      return fromUrl(settings.url, via);
  }
}

/**
 * The canonical text stored with each credential field and shown in audit events. "Cloud" adds nothing, so keys
 * stored before on-prem groups existed still match; a group adds ` via=group:<id>`.
 */
export function destinationKey(d: Destination): string {
  const host = d.host.includes(":") ? `[${d.host}]` : d.host;
  return `${d.scheme}://${host}:${d.port}${d.tls ? ` tls=${d.tls}` : ""}${d.via === "cloud" ? "" : ` via=${d.via}`}`;
}

/** The key of a connection's settings, or "" when they name no destination (which matches no binding). */
export function destinationKeyOf(type: ConnectionType, settings: Record<string, unknown>): string {
  const d = destinationOf(type, settings);
  return d ? destinationKey(d) : "";
}

/**
 * Migration 0004 could not parse URLs in SQL, so it bound existing fields to `legacy:<type>:<settings JSON>`
 * (the connection's settings at the upgrade). This turns either form into a canonical key.
 */
export function bindingKey(stored: string | null): string {
  if (!stored) return "";
  const legacy = /^legacy:(postgres|http|https_cert):([\s\S]*)$/.exec(stored);
  if (!legacy) return stored;
  try {
    return destinationKeyOf(legacy[1] as ConnectionType, JSON.parse(legacy[2]!) as Record<string, unknown>);
  } catch {
    return "";
  }
}

/** The address field a destination error belongs to in the form. */
export const DESTINATION_FIELD: Record<ConnectionType, string> = { postgres: "host", http: "baseUrl", https_cert: "url" };
