// Egress allow-list entries (docs/egress.md): an IP address or CIDR range (any port), or `host[:port]` where
// host is a name, an IPv4 address or a [bracketed] IPv6 address. An entry without a port opens every port.
// Pure (no Node imports): the settings form's zod schema parses entries with the same code the policy uses.
import ipaddr from "ipaddr.js";
import { parseAddress, type ParsedAddress } from "./classify";

export type AllowEntry =
  | { kind: "address"; address: ParsedAddress; port?: number; text: string }
  | { kind: "range"; range: [ParsedAddress, number]; text: string }
  | { kind: "host"; host: string; port?: number; text: string };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;

function parsePort(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** A name in the form DNS and the tester compare: lower case, without a trailing dot. */
export function normalizeHostName(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

/** Parses one entry; null when it is not a valid one. Addresses must be written plainly (dotted quads, IPv6). */
export function parseAllowEntry(raw: string): AllowEntry | null {
  const text = raw.trim();
  if (text.includes("/")) {
    const [ip, bits] = text.split("/");
    if (!/^\d{1,3}$/.test(bits ?? "") || !ip || !(DOTTED_QUAD.test(ip) || ip.includes(":")) || !ipaddr.isValid(ip)) return null;
    try {
      return { kind: "range", range: ipaddr.parseCIDR(text), text };
    } catch {
      return null;
    }
  }
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(text);
  if (bracketed) {
    const address = ipaddr.IPv6.isValid(bracketed[1]!) ? ipaddr.IPv6.parse(bracketed[1]!) : null;
    const port = parsePort(bracketed[2]);
    return address && port !== null ? { kind: "address", address, port, text } : null;
  }
  if ((text.match(/:/g) ?? []).length >= 2) return ipaddr.IPv6.isValid(text) ? { kind: "address", address: ipaddr.IPv6.parse(text), text } : null;
  const [host = "", portText, extra] = text.split(":");
  const port = parsePort(portText);
  if (extra !== undefined || port === null) return null;
  if (DOTTED_QUAD.test(host)) return ipaddr.IPv4.isValidFourPartDecimal(host) ? { kind: "address", address: ipaddr.IPv4.parse(host), port, text } : null;
  // A name that is really a number in disguise (127.1, 0x7f000001) must be written as the address it is.
  if (parseAddress(host) || /^[0-9.]+$/.test(host)) return null;
  const name = normalizeHostName(host);
  return HOSTNAME.test(name) ? { kind: "host", host: name, port, text } : null;
}

export const ALLOW_ENTRY_HELP =
  "Each entry is an IP address, a CIDR range or a host name, optionally with :port — e.g. 10.0.0.5, 10.0.0.0/8, vault.internal:8200 or [::1]:8200.";

export interface AllowList {
  entries: AllowEntry[];
}

export function buildAllowList(entries: readonly string[]): AllowList {
  return { entries: entries.map(parseAllowEntry).filter((e): e is AllowEntry => e !== null) };
}

export interface Destination {
  /** The name the request names, normalized (or the address when it names one). */
  host: string;
  port?: number;
  /** The address about to be connected to and the IPv4 address it carries, if any. */
  candidates: ParsedAddress[];
}

/** An IPv4-mapped entry (::ffff:127.0.0.1) names the IPv4 address it maps. */
function unmapped(a: ParsedAddress): ParsedAddress {
  return a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

function sameAddress(a: ParsedAddress, b: ParsedAddress): boolean {
  const [x, y] = [unmapped(a), unmapped(b)];
  return x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
}

/**
 * Whether an entry names this destination. `exact` asks for an entry that names the host or the address
 * itself (metadata addresses need one): a CIDR range merely containing the address does not count.
 */
export function allowListMatches(list: AllowList, dest: Destination, exact: boolean): boolean {
  const portOk = (port?: number) => port === undefined || port === dest.port;
  return list.entries.some((e) => {
    if (e.kind === "host") return e.host === dest.host && portOk(e.port);
    if (e.kind === "address") return portOk(e.port) && dest.candidates.some((c) => sameAddress(c, e.address));
    if (exact) return e.range[1] === (e.range[0].kind() === "ipv4" ? 32 : 128) && dest.candidates.some((c) => sameAddress(c, e.range[0]));
    return dest.candidates.some((c) => c.kind() === e.range[0].kind() && c.match(e.range as never));
  });
}
