// Egress policy (docs/egress.md): the one check every address a console user enters goes through (connection
// tests, provider addresses). Checked after DNS resolution, and callers then connect to the checked address
// itself (pinnedLookup), so neither a hostname nor a rebinding DNS answer can sneak past.
//   public          public addresses only
//   public+private  also 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7 (a customer's VPC)
// Loopback, link-local, metadata, unspecified, multicast, broadcast and reserved addresses need an allow-list
// entry in every mode; a metadata address needs one naming it (or the host) exactly.
import { lookup } from "node:dns/promises";
import { allowListMatches, buildAllowList, normalizeHostName, type AllowList } from "./egress/allow-list";
import { classify, parseAddress, type AddressClass, type ParsedAddress } from "./egress/classify";

export { classifyAddress, METADATA_ADDRESSES, type AddressClass } from "./egress/classify";
export { buildAllowList, parseAllowEntry, ALLOW_ENTRY_HELP } from "./egress/allow-list";

import type { EgressMode, EgressPolicy } from "./egress/modes";

export { EGRESS_MODES, egressPolicyOf, type EgressMode, type EgressPolicy } from "./egress/modes";

const WHY: Record<AddressClass, string> = {
  public: "public",
  private: "a private network address, and this workspace allows public addresses only",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  metadata: "a cloud metadata address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
};

export class EgressRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    super(
      `Refused to connect to ${host}${host === address ? "" : ` (${address})`}: it is ${WHY[addressClass]}. ` +
        "A workspace admin can change the mode or allow it under Settings → General → Egress.",
    );
    this.name = "EgressRefused";
  }
}

export interface Verdict {
  allowed: boolean;
  class: AddressClass;
  /** The address in canonical form. */
  address: string;
}

/** Decides one resolved address for a request naming `host` (a name or the address) and `port`. */
export function checkAddress(address: ParsedAddress, policy: { mode: EgressMode; list: AllowList }, host: string, port?: number): Verdict {
  const c = classify(address);
  const candidates = [address, ...(c.embedded ? [parseAddress(c.embedded)!] : [])];
  const dest = { host: normalizeHostName(host), port, candidates };
  const byClass = c.class === "public" || (c.class === "private" && policy.mode === "public+private");
  const allowed = byClass || allowListMatches(policy.list, dest, c.class === "metadata");
  return { allowed, class: c.class, address: c.address };
}

export interface CheckedAddress {
  host: string;
  address: string;
  family: 4 | 6;
}

type Resolver = (host: string, options: { all: true; verbatim: true }) => Promise<Array<{ address: string; family: number }>>;

export interface ResolveOptions {
  /** The port the request goes to: allow-list entries with a port match only that port. */
  port?: number;
  resolver?: Resolver;
}

/**
 * Resolves the host (any literal address form is parsed, not looked up) and returns an address the policy
 * allows; every resolved address must be allowed, so a name with one bad answer is refused as a whole.
 */
export async function resolveAllowed(host: string, policy: EgressPolicy, options: ResolveOptions = {}): Promise<CheckedAddress> {
  const bare = host.trim().replace(/^\[|\]$/g, "");
  const literal = parseAddress(bare);
  const compiled = { mode: policy.mode, list: buildAllowList(policy.allowList) };
  const addresses = literal
    ? [literal]
    : (await (options.resolver ?? (lookup as unknown as Resolver))(bare, { all: true, verbatim: true }))
        .map((a) => parseAddress(a.address))
        .filter((a) => a !== null);
  if (addresses.length === 0) throw new Error(`${host} did not resolve to any address.`);
  const name = literal ? literal.toString() : bare;
  const verdicts = addresses.map((a) => checkAddress(a, compiled, name, options.port));
  const refused = verdicts.find((v) => !v.allowed);
  if (refused) throw new EgressRefused(host, refused.address, refused.class);
  const first = addresses[0]!;
  return { host: literal ? first.toString() : bare, address: first.toString(), family: first.kind() === "ipv4" ? 4 : 6 };
}
