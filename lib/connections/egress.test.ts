import { describe, expect, it } from "vitest";
import { buildAllowList, EgressRefused, isAddressAllowed, resolveAllowed } from "./egress";

const none = buildAllowList([]);

describe("egress policy", () => {
  it("refuses loopback, link-local and metadata addresses, IPv4 and IPv6", () => {
    for (const a of ["127.0.0.1", "127.10.0.5", "169.254.169.254", "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:169.254.169.254"]) {
      expect(isAddressAllowed(a, none), a).toBe(false);
    }
    for (const a of ["10.0.0.5", "93.184.216.34", "2606:4700::1111", "192.168.1.10"]) {
      expect(isAddressAllowed(a, none), a).toBe(true);
    }
  });

  it("lets the allow-list name an address or a range", () => {
    expect(isAddressAllowed("127.0.0.1", buildAllowList(["127.0.0.1"]))).toBe(true);
    expect(isAddressAllowed("127.0.0.2", buildAllowList(["127.0.0.1"]))).toBe(false);
    expect(isAddressAllowed("169.254.10.1", buildAllowList(["169.254.0.0/16"]))).toBe(true);
    expect(isAddressAllowed("::1", buildAllowList(["::1"]))).toBe(true);
  });

  it("checks what a DNS name resolves to: a name cannot sneak past", async () => {
    const resolver = (async () => [{ address: "169.254.169.254", family: 4 }]) as never;
    await expect(resolveAllowed("metadata.attacker.example", [], resolver)).rejects.toBeInstanceOf(EgressRefused);
    const mixed = (async () => [{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }]) as never;
    await expect(resolveAllowed("rebind.example", [], mixed)).rejects.toThrow(/127\.0\.0\.1/);
    const fine = (async () => [{ address: "93.184.216.34", family: 4 }]) as never;
    await expect(resolveAllowed("example.com", [], fine)).resolves.toEqual({ host: "example.com", address: "93.184.216.34", family: 4 });
  });

  it("resolves localhost for real and refuses it unless allowed", async () => {
    await expect(resolveAllowed("localhost", [])).rejects.toBeInstanceOf(EgressRefused);
    await expect(resolveAllowed("localhost", ["127.0.0.1", "::1"])).resolves.toMatchObject({ host: "localhost" });
    await expect(resolveAllowed("[::1]", [])).rejects.toBeInstanceOf(EgressRefused);
  });
});
