// Egress policy for connection tests (DESIGN.md "Egress"): loopback, link-local and cloud-metadata addresses
// are refused unless the workspace allow-list names them. Checked after DNS resolution, and the test then
// connects to the checked address itself, so neither a hostname nor a rebinding DNS answer can sneak past.
import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";

const REFUSED = new BlockList();
REFUSED.addSubnet("127.0.0.0", 8, "ipv4");
REFUSED.addSubnet("0.0.0.0", 8, "ipv4");
REFUSED.addSubnet("169.254.0.0", 16, "ipv4");
REFUSED.addAddress("::1", "ipv6");
REFUSED.addAddress("::", "ipv6");
REFUSED.addSubnet("fe80::", 10, "ipv6");
REFUSED.addAddress("fd00:ec2::254", "ipv6");

export class EgressRefused extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(
      `Refused to connect to ${host}${host === address ? "" : ` (${address})`}: loopback, link-local and cloud-metadata addresses are blocked. ` +
        "A workspace admin can allow it under Settings → General → Egress allow-list.",
    );
    this.name = "EgressRefused";
  }
}

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is checked as the IPv4 address it is. */
function normalize(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function buildAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits] = entry.split("/");
    const family = isIP(ip ?? "") === 6 ? "ipv6" : "ipv4";
    if (!ip || !isIP(ip)) continue;
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

export function isAddressAllowed(address: string, allowList: BlockList): boolean {
  const n = normalize(address);
  return !REFUSED.check(n.address, n.family) || allowList.check(n.address, n.family);
}

export interface CheckedAddress {
  host: string;
  address: string;
  family: 4 | 6;
}

/** Resolves the host and returns an address the policy allows; every resolved address must be allowed. */
export async function resolveAllowed(host: string, allowEntries: readonly string[], resolver = lookup): Promise<CheckedAddress> {
  const bare = host.replace(/^\[|\]$/g, "");
  const allowList = buildAllowList(allowEntries);
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) as 4 | 6 }] : await resolver(bare, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${host} did not resolve to any address.`);
  for (const a of addresses) if (!isAddressAllowed(a.address, allowList)) throw new EgressRefused(host, a.address);
  const first = addresses[0]!;
  return { host: bare, address: first.address, family: first.family as 4 | 6 };
}
