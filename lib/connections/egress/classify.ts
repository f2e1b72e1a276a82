// Address classification for the egress policy (docs/egress.md): every literal form an address can take
// (127.1, 0x7f000001, 2130706433, 0177.0.0.1, [::ffff:7f00:1], ::7f00:1, 64:ff9b::7f00:1, 2002:7f00:1::) is
// parsed by ipaddr.js, and an IPv6 address that carries an IPv4 address (mapped, compatible, NAT64, 6to4,
// Teredo) is classified as that IPv4 address too, because that is where the packets end up. ipaddr.js
// classifies the ranges but does not unwrap compatible, NAT64, 6to4 or Teredo forms itself.
// Pure (no Node imports): the allow-list validation shares it with the form schema.
import ipaddr from "ipaddr.js";

/**
 * public: reachable in every mode. private: only in the "public + private networks" mode. Every other class
 * needs an allow-list entry: loopback, link-local, metadata and unspecified by design, and multicast,
 * broadcast and reserved ranges because no connection test has a reason to reach them.
 */
export type AddressClass = "public" | "private" | "loopback" | "linkLocal" | "metadata" | "unspecified" | "multicast" | "broadcast" | "reserved";

/** Cloud instance-metadata endpoints: AWS (IPv4, IPv6, ECS task metadata), Azure WireServer, Alibaba Cloud. */
export const METADATA_ADDRESSES: readonly string[] = ["169.254.169.254", "fd00:ec2::254", "169.254.170.2", "168.63.129.16", "100.100.100.200"];
const METADATA = new Set(METADATA_ADDRESSES.map((a) => ipaddr.parse(a).toNormalizedString()));

export type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface Classified {
  /** The address in its canonical form (IPv6 without a zone). */
  address: string;
  /** The IPv4 address an IPv6 form carries, when it carries one. */
  embedded?: string;
  class: AddressClass;
}

/** Parses any literal form of an IP address (brackets, a trailing dot and an IPv6 zone are tolerated); null when it is none. */
export function parseAddress(text: string): ParsedAddress | null {
  const bare = text
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6") (parsed as ipaddr.IPv6).zoneId = undefined;
  return parsed;
}

/** The IPv4 address carried inside an IPv6 address, if the form routes to it. */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks); :: and ::1 are not IPv4 addresses.
  if (p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || p[7]! > 1)) return v4(p[6]!, p[7]!);
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052).
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0)) return v4(p[6]!, p[7]!);
  if (address.range() === "6to4") return v4(p[1]!, p[2]!);
  // Teredo carries the client's IPv4 address inverted in the last 32 bits.
  if (address.range() === "teredo") return v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff);
  return null;
}

const V4_CLASSES: Record<string, AddressClass> = {
  unicast: "public",
  private: "private",
  carrierGradeNat: "private",
  loopback: "loopback",
  linkLocal: "linkLocal",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
};
const V6_CLASSES: Record<string, AddressClass> = {
  unicast: "public",
  uniqueLocal: "private",
  loopback: "loopback",
  linkLocal: "linkLocal",
  unspecified: "unspecified",
  multicast: "multicast",
};

function classOf(address: ParsedAddress): AddressClass {
  if (METADATA.has(address.toNormalizedString())) return "metadata";
  const table = address.kind() === "ipv4" ? V4_CLASSES : V6_CLASSES;
  return table[address.range()] ?? "reserved";
}

/** Orders classes from least to most restricted, so a wrapped address is as restricted as what it wraps. */
const STRICTNESS: readonly AddressClass[] = ["public", "private", "reserved", "multicast", "broadcast", "unspecified", "linkLocal", "loopback", "metadata"];

export function classify(address: ParsedAddress): Classified {
  const own = classOf(address);
  if (address.kind() === "ipv4") return { address: address.toString(), class: own };
  const inner = embeddedIPv4(address as ipaddr.IPv6);
  if (!inner) return { address: address.toString(), class: own };
  const innerClass = classOf(inner);
  // The wrapper's own range (ipv4Mapped, rfc6052, 6to4…) says nothing about reachability: the IPv4 one does.
  const wrapperIsTransport = own === "reserved" || own === "public";
  const cls = wrapperIsTransport ? innerClass : STRICTNESS.indexOf(own) > STRICTNESS.indexOf(innerClass) ? own : innerClass;
  return { address: address.toString(), embedded: inner.toString(), class: cls };
}

/** Classifies a literal address (any form); throws on text that is not one. */
export function classifyAddress(text: string): Classified {
  const parsed = parseAddress(text);
  if (!parsed) throw new Error(`${text} is not an IP address.`);
  return classify(parsed);
}
