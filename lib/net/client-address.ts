// Which address a request comes from. X-Forwarded-For is whatever the client sent unless a proxy we trust
// wrote it, and App Router code never sees the socket, so the server entry (lib/cli/server.ts) resolves the
// address here and overwrites the forwarding headers before Next reads them. Sign-in throttling and session
// records then key on an address a client cannot choose. See docs/threat-model.md.
import ipaddr from "ipaddr.js";
import type { IncomingMessage } from "node:http";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** TRUSTED_PROXIES: none (default), a hop count, or the proxies' addresses and CIDR ranges. */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: Range[] };

/** Parses TRUSTED_PROXIES; throws an Error whose message says what is wrong. */
export function parseTrustedProxies(text: string): TrustedProxies {
  const value = text.trim();
  if (value === "" || value === "none") return { kind: "none" };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error("a hop count must be at most 10");
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const ranges = value.split(",").map((part) => {
    const item = part.trim();
    try {
      if (item.includes("/")) {
        const [addr, bits] = ipaddr.parseCIDR(item);
        return (
          addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96] : [addr, bits]
        ) as Range;
      }
      const addr = ipaddr.process(item);
      return [addr, addr.kind() === "ipv4" ? 32 : 128] as Range;
    } catch {
      throw new Error(`"${item}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32), nor a hop count`);
    }
  });
  return { kind: "ranges", ranges };
}

/** The canonical form of an address (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
export function normalizeAddress(text: string | undefined): string | null {
  if (!text || !ipaddr.isValid(text.trim())) return null;
  return ipaddr.process(text.trim()).toString();
}

function inRanges(address: string, ranges: Range[]): boolean {
  const addr = ipaddr.process(address);
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * The client: walking from the socket peer back through X-Forwarded-For, the first address that is not a
 * trusted proxy. With no trust the peer itself, whatever the headers say. An entry that is not an address
 * stops the walk at the proxy that reported it.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trust: TrustedProxies): string {
  const socket = normalizeAddress(peer) ?? "unknown";
  if (trust.kind === "none") return socket;
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socket,
  ];
  for (let i = chain.length - 1; i > 0; i--) {
    const hop = chain.length - 1 - i;
    const trusted = trust.kind === "hops" ? hop < trust.hops : normalizeAddress(chain[i]) !== null && inRanges(chain[i]!, trust.ranges);
    if (!trusted) return chain[i]!;
    const next = normalizeAddress(chain[i - 1]);
    if (!next) return chain[i]!;
    chain[i - 1] = next;
  }
  return chain[0]!;
}

/** Headers a client could set to claim another address, host or scheme; rewritten or dropped per request. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * Rewrites the request's forwarding headers in place: X-Forwarded-For and X-Real-IP become the resolved
 * client; from an untrusted peer the host, scheme and port claims are dropped too (Next fills them from the
 * socket). `Forwarded` (RFC 7239) is not parsed, so it is always dropped.
 */
export function rewriteForwardingHeaders(req: IncomingMessage, trust: TrustedProxies): string {
  const xff = req.headers["x-forwarded-for"];
  const client = resolveClientAddress(req.socket.remoteAddress, Array.isArray(xff) ? xff.join(",") : xff, trust);
  const peer = normalizeAddress(req.socket.remoteAddress);
  const peerTrusted = trust.kind === "hops" || (trust.kind === "ranges" && peer !== null && inRanges(peer, trust.ranges));
  for (const name of FORWARDING_HEADERS) {
    if (peerTrusted && (name === "x-forwarded-host" || name === "x-forwarded-proto" || name === "x-forwarded-port")) continue;
    delete req.headers[name];
  }
  req.headers["x-forwarded-for"] = client;
  req.headers["x-real-ip"] = client;
  // rawHeaders is what some code paths re-read; keep it consistent with headers.
  req.rawHeaders = rawHeadersWithout(req.rawHeaders, FORWARDING_HEADERS).concat(headerPairs(req, FORWARDING_HEADERS));
  return client;
}

function rawHeadersWithout(raw: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!names.includes(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function headerPairs(req: IncomingMessage, names: string[]): string[] {
  return names.flatMap((name) => {
    const value = req.headers[name];
    return typeof value === "string" ? [name, value] : [];
  });
}
