// The reference policy (docs/threat-model.md "Reference policy"): per provider configuration, which secrets
// connections may reference, and to which destinations (host[:port]) each may be sent. Without it any editor
// could send any secret the provider role can read to a host of their choosing. Pure, no I/O: the save path,
// the resolver (defence in depth), the secret browser and the policy editor share these functions.
//
// Patterns are literal text with `*` as the only wildcard (any run of characters, `/` and `.` included).
// Matching is a plain glob walk, not a regular expression built from the pattern, so no character of a
// pattern can mean anything but itself (no regex injection, no catastrophic backtracking).
import { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
import type { ProviderKind } from "@/lib/secrets/types";

export interface ReferencePolicyEntry {
  /** AWS name or ARN, Vault `<engine>:<path>`, Azure or Google secret name; `*` wildcards. */
  secretPattern: string;
  /** `host`, `host:port`, `*.example.com`, `[2001:db8::1]:443`; a pattern without a port allows any port. */
  destinations: readonly string[];
}

/** Where a connection sends its credentials: host lowercased, without IPv6 brackets or a trailing dot. */
export interface Destination {
  host: string;
  port: number;
}

export const SECRET_PATTERN_MAX = 600;
export const DESTINATION_PATTERN_MAX = 270;

/** Glob match: `*` matches any run (empty included), every other character only itself. O(pattern × text). */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/**
 * The texts a secret pattern is matched against. The identity is what the reverse index stores
 * (lib/secrets/secret-key.ts `secretIdentity`): AWS patterns name either the ARN (`arn:…`) or the secret's
 * name without the 6-character suffix AWS adds; the others name what the reference names.
 */
function secretSubject(pattern: string, kind: ProviderKind, identity: string): string {
  if (kind !== "aws" || pattern.startsWith("arn:")) return identity;
  return parseSecretArn(identity)?.name ?? identity;
}

export function secretMatches(pattern: string, kind: ProviderKind, identity: string): boolean {
  return wildcardMatch(pattern, secretSubject(pattern, kind, identity));
}

function normalizeHost(host: string): string {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, "");
}

/** A destination pattern split into host and port (`null` = any port), or null when malformed. */
export function parseDestinationPattern(text: string): { host: string; port: number | null } | null {
  const value = text.trim();
  if (value === "" || value.length > DESTINATION_PATTERN_MAX) return null;
  const bracketed = /^\[([0-9A-Fa-f:.*]+)\](?::(\d{1,5}|\*))?$/.exec(value);
  const plain = /^([A-Za-z0-9.*-]+)(?::(\d{1,5}|\*))?$/.exec(value);
  const m = bracketed ?? plain;
  if (!m) return null;
  const port = m[2] === undefined || m[2] === "*" ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { host: normalizeHost(m[1]!), port };
}

export function destinationPatternProblem(text: string): string | null {
  return parseDestinationPattern(text)
    ? null
    : `"${text.trim().slice(0, 80)}" is not a destination: use host, host:port, *.example.com or [IPv6]:port (ports 1-65535).`;
}

export function destinationMatches(pattern: string, destination: Destination): boolean {
  const parsed = parseDestinationPattern(pattern);
  if (!parsed) return false;
  if (parsed.port !== null && parsed.port !== destination.port) return false;
  return wildcardMatch(parsed.host, normalizeHost(destination.host));
}

export function formatDestination(destination: Destination): string {
  const host = destination.host.includes(":") ? `[${destination.host}]` : destination.host;
  return `${host}:${destination.port}`;
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** The destination a connection of this type sends its credentials to, from its address settings. */
export function destinationOfConnection(type: string, settings: Record<string, unknown>): Destination | null {
  const text = type === "http" ? settings.baseUrl : type === "https_cert" ? settings.url : undefined;
  if (type === "postgres") {
    const port = Number(settings.port);
    if (typeof settings.host !== "string" || !Number.isInteger(port)) return null;
    return { host: normalizeHost(settings.host), port };
  }
  if (typeof text !== "string") return null;
  try {
    const url = new URL(text);
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    return port === undefined ? null : { host: normalizeHost(url.hostname), port };
  } catch {
    return null;
  }
}

/** Whether any entry names this secret, whatever its destinations: what the secret browser marks. */
export function isInsidePolicy(entries: readonly ReferencePolicyEntry[], kind: ProviderKind, identity: string): boolean {
  return entries.some((e) => secretMatches(e.secretPattern, kind, identity));
}

/** Whether one entry both names the secret and allows the destination. No destination (unparseable) is never allowed. */
export function isReferenceAllowed(entries: readonly ReferencePolicyEntry[], kind: ProviderKind, identity: string, destination: Destination | null): boolean {
  if (!destination) return false;
  return entries.some((e) => secretMatches(e.secretPattern, kind, identity) && e.destinations.some((d) => destinationMatches(d, destination)));
}

const SECRET_PATTERN_HINT: Record<ProviderKind, string> = {
  aws: "a secret name or ARN such as prod/* or arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-*",
  azure: "a secret name such as prod-*",
  vault: "<engine>:<path> such as secret:prod/*",
  gcp: "a secret id such as prod-*",
};

export function secretPatternProblem(kind: ProviderKind, pattern: string): string | null {
  const value = pattern.trim();
  if (value === "") return `Enter ${SECRET_PATTERN_HINT[kind]}.`;
  if (value.length > SECRET_PATTERN_MAX) return `Use at most ${SECRET_PATTERN_MAX} characters.`;
  if (/[\s{}]/.test(value)) return "Secret patterns have no spaces or braces: name the secret, not the reference.";
  if (kind === "vault" && !value.includes(":")) return `Name the engine too: ${SECRET_PATTERN_HINT.vault}.`;
  return null;
}

export function secretPatternHint(kind: ProviderKind): string {
  return SECRET_PATTERN_HINT[kind];
}
