// Threat 5 of the egress policy (docs/threat-model.md): every form an address can be written in, checked
// through resolveAllowed, the function every connection tester and the provider check call. Literals are
// parsed, never looked up, so this table needs no DNS.
import { describe, expect, it } from "vitest";
import { EgressRefused, resolveAllowed, type EgressMode } from "@/lib/connections/egress";

type Expect = "allowed" | "private" | "blocked";

// [address as a user could type it, class, expectation without an allow-list]
// "private": allowed in "public+private", refused in "public"; "blocked": refused in both modes.
const TABLE: Array<[string, string, Expect]> = [
  // loopback, in every encoding a resolver or URL parser accepts
  ["127.0.0.1", "loopback", "blocked"],
  ["127.10.0.5", "loopback", "blocked"],
  ["127.1", "loopback", "blocked"],
  ["127.0.1", "loopback", "blocked"],
  ["0x7f000001", "loopback", "blocked"],
  ["0x7f.0.0.1", "loopback", "blocked"],
  ["2130706433", "loopback", "blocked"],
  ["0177.0.0.1", "loopback", "blocked"],
  ["017700000001", "loopback", "blocked"],
  ["127.0.0.1.", "loopback", "blocked"],
  ["::1", "loopback", "blocked"],
  ["[::1]", "loopback", "blocked"],
  ["0:0:0:0:0:0:0:1", "loopback", "blocked"],
  ["::ffff:127.0.0.1", "loopback (IPv4-mapped)", "blocked"],
  ["[::ffff:7f00:1]", "loopback (IPv4-mapped, hex)", "blocked"],
  ["::7f00:1", "loopback (IPv4-compatible)", "blocked"],
  ["::127.0.0.1", "loopback (IPv4-compatible, dotted)", "blocked"],
  ["64:ff9b::7f00:1", "loopback (NAT64)", "blocked"],
  ["64:ff9b::127.0.0.1", "loopback (NAT64, dotted)", "blocked"],
  ["2002:7f00:1::", "loopback (6to4)", "blocked"],
  // unspecified 0.0.0.0/8 and ::
  ["0.0.0.0", "unspecified", "blocked"],
  ["0", "unspecified", "blocked"],
  ["0.1.2.3", "unspecified", "blocked"],
  ["::", "unspecified", "blocked"],
  // link-local
  ["169.254.10.1", "link-local", "blocked"],
  ["fe80::1", "link-local", "blocked"],
  ["fe80::1%eth0", "link-local with zone", "blocked"],
  ["::ffff:169.254.10.1", "link-local (IPv4-mapped)", "blocked"],
  // metadata
  ["169.254.169.254", "AWS/GCP/Azure IMDS", "blocked"],
  ["0xa9fea9fe", "IMDS (hex)", "blocked"],
  ["2852039166", "IMDS (decimal)", "blocked"],
  ["::ffff:a9fe:a9fe", "IMDS (IPv4-mapped)", "blocked"],
  ["64:ff9b::a9fe:a9fe", "IMDS (NAT64)", "blocked"],
  ["fd00:ec2::254", "AWS IMDS IPv6", "blocked"],
  ["169.254.170.2", "ECS task metadata", "blocked"],
  ["168.63.129.16", "Azure WireServer (a public address)", "blocked"],
  ["100.100.100.200", "Alibaba Cloud metadata (inside CGNAT)", "blocked"],
  ["64:ff9b::6464:64c8", "Alibaba metadata (NAT64)", "blocked"],
  // private networks
  ["10.0.0.5", "10/8", "private"],
  ["10.255.255.255", "10/8", "private"],
  ["012.0.0.1", "10/8 (octal)", "private"],
  ["172.16.0.1", "172.16/12", "private"],
  ["172.31.255.254", "172.16/12", "private"],
  ["192.168.1.10", "192.168/16", "private"],
  ["100.64.0.1", "carrier-grade NAT 100.64/10", "private"],
  ["fd12:3456::1", "unique-local fc00::/7", "private"],
  ["fc00::1", "unique-local fc00::/7", "private"],
  ["::ffff:10.0.0.1", "10/8 (IPv4-mapped)", "private"],
  ["64:ff9b::a00:1", "10/8 (NAT64)", "private"],
  // multicast, broadcast, reserved
  ["224.0.0.1", "multicast", "blocked"],
  ["ff02::1", "multicast IPv6", "blocked"],
  ["255.255.255.255", "broadcast", "blocked"],
  ["240.0.0.1", "reserved 240/4", "blocked"],
  ["192.0.2.1", "documentation", "blocked"],
  ["2001:db8::1", "documentation IPv6", "blocked"],
  ["64:ff9b:1::a00:1", "local-use NAT64 (not unwrapped: reserved)", "blocked"],
  // public
  ["93.184.216.34", "public", "allowed"],
  ["8.8.8.8", "public", "allowed"],
  ["172.32.0.1", "public, just past 172.16/12", "allowed"],
  ["100.128.0.1", "public, just past 100.64/10", "allowed"],
  ["2606:4700::1111", "public IPv6", "allowed"],
  ["::ffff:8.8.8.8", "public (IPv4-mapped)", "allowed"],
  ["64:ff9b::808:808", "public (NAT64)", "allowed"],
  ["2002:808:808::1", "public (6to4)", "allowed"],
];

async function verdict(address: string, mode: EgressMode, allowList: string[] = []): Promise<"allowed" | "refused"> {
  try {
    await resolveAllowed(address, { mode, allowList }, { resolver: () => Promise.reject(new Error(`looked up ${address}`)) });
    return "allowed";
  } catch (err) {
    if (err instanceof EgressRefused) return "refused";
    throw err;
  }
}

describe("egress address classification (resolveAllowed, as the testers call it)", () => {
  it("covers at least 40 address forms", () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it.each(TABLE)("%s (%s) → %s", async (address, _what, expected) => {
    expect(await verdict(address, "public")).toBe(expected === "allowed" ? "allowed" : "refused");
    expect(await verdict(address, "public+private")).toBe(expected === "blocked" ? "refused" : "allowed");
  });

  it("lets an allow-list entry open a blocked address, in either encoding", async () => {
    expect(await verdict("127.1", "public", ["127.0.0.1"])).toBe("allowed");
    expect(await verdict("::ffff:7f00:1", "public", ["127.0.0.1"])).toBe("allowed");
    expect(await verdict("127.0.0.1", "public", ["::ffff:127.0.0.1"])).toBe("allowed");
    expect(await verdict("127.0.0.2", "public", ["127.0.0.1"])).toBe("refused");
    expect(await verdict("169.254.10.1", "public", ["169.254.0.0/16"])).toBe("allowed");
    expect(await verdict("10.1.2.3", "public", ["10.1.0.0/16"])).toBe("allowed");
  });

  it("opens a metadata address only through an entry naming it, never through a range", async () => {
    for (const range of ["169.254.0.0/16", "0.0.0.0/0"]) expect(await verdict("169.254.169.254", "public+private", [range]), range).toBe("refused");
    expect(await verdict("100.100.100.200", "public+private", ["100.64.0.0/10"])).toBe("refused");
    expect(await verdict("169.254.169.254", "public", ["169.254.169.254"])).toBe("allowed");
    expect(await verdict("169.254.169.254", "public", ["169.254.169.254/32"])).toBe("allowed");
    expect(await verdict("fd00:ec2::254", "public+private", ["fd00::/8"])).toBe("refused");
  });
});
