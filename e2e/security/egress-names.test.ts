// Threat 5: names are judged by what they resolve to, allow-list host[:port] entries, and the modes.
import { describe, expect, it } from "vitest";
import { EgressRefused, resolveAllowed, type EgressPolicy } from "@/lib/connections/egress";

const answers =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
const PUBLIC: EgressPolicy = { mode: "public", allowList: [] };
const PRIVATE: EgressPolicy = { mode: "public+private", allowList: [] };

describe("names resolving to blocked addresses", () => {
  it("refuses a name whose answer is a metadata, loopback or private address", async () => {
    await expect(resolveAllowed("metadata.google.internal", PRIVATE, { resolver: answers("169.254.169.254") })).rejects.toBeInstanceOf(EgressRefused);
    await expect(resolveAllowed("sneaky.example", PRIVATE, { resolver: answers("::ffff:127.0.0.1") })).rejects.toThrow(/loopback/);
    await expect(resolveAllowed("nat64.example", PRIVATE, { resolver: answers("64:ff9b::a9fe:a9fe") })).rejects.toThrow(/metadata/);
    await expect(resolveAllowed("db.corp.example", PUBLIC, { resolver: answers("10.0.0.7") })).rejects.toThrow(/private network address/);
    await expect(resolveAllowed("db.corp.example", PRIVATE, { resolver: answers("10.0.0.7") })).resolves.toEqual({
      host: "db.corp.example",
      address: "10.0.0.7",
      family: 4,
    });
  });

  it("refuses a name when any one of its answers is refused (a rebinding answer set)", async () => {
    await expect(resolveAllowed("rebind.example", PUBLIC, { resolver: answers("93.184.216.34", "127.0.0.1") })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it("resolves localhost for real and refuses it unless allowed", async () => {
    await expect(resolveAllowed("localhost", PRIVATE)).rejects.toBeInstanceOf(EgressRefused);
    await expect(resolveAllowed("localhost", { mode: "public", allowList: ["localhost"] })).resolves.toMatchObject({ host: "localhost" });
    await expect(resolveAllowed("localhost", { mode: "public", allowList: ["127.0.0.1", "::1"] })).resolves.toMatchObject({ host: "localhost" });
  });
});

describe("allow-list host[:port] entries", () => {
  const vault = { resolver: answers("127.0.0.1") };

  it("opens a named host on its port only, or on every port without one", async () => {
    const onPort: EgressPolicy = { mode: "public", allowList: ["vault.internal:8200"] };
    await expect(resolveAllowed("vault.internal", onPort, { ...vault, port: 8200 })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("vault.internal", onPort, { ...vault, port: 8201 })).rejects.toBeInstanceOf(EgressRefused);
    await expect(resolveAllowed("other.internal", onPort, { ...vault, port: 8200 })).rejects.toBeInstanceOf(EgressRefused);
    const anyPort: EgressPolicy = { mode: "public", allowList: ["Vault.Internal."] };
    await expect(resolveAllowed("vault.internal", anyPort, { ...vault, port: 1 })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("VAULT.internal", { mode: "public", allowList: ["vault.internal"] }, { ...vault, port: 65535 })).resolves.toMatchObject({
      address: "127.0.0.1",
    });
  });

  it("opens an address with a port, IPv4 and [IPv6]", async () => {
    const policy: EgressPolicy = { mode: "public", allowList: ["127.0.0.1:5432", "[::1]:8200"] };
    await expect(resolveAllowed("127.0.0.1", policy, { port: 5432 })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("127.0.0.1", policy, { port: 22 })).rejects.toBeInstanceOf(EgressRefused);
    await expect(resolveAllowed("[::1]", policy, { port: 8200 })).resolves.toMatchObject({ address: "::1", family: 6 });
    await expect(resolveAllowed("::1", policy, { port: 8201 })).rejects.toBeInstanceOf(EgressRefused);
  });

  it("lets a named entry open a metadata name explicitly, and nothing else", async () => {
    const policy: EgressPolicy = { mode: "public", allowList: ["metadata.google.internal"] };
    await expect(resolveAllowed("metadata.google.internal", policy, { resolver: answers("169.254.169.254"), port: 80 })).resolves.toMatchObject({
      address: "169.254.169.254",
    });
    await expect(resolveAllowed("evil.example", policy, { resolver: answers("169.254.169.254"), port: 80 })).rejects.toBeInstanceOf(EgressRefused);
  });

  it("keeps existing IP and CIDR entries working", async () => {
    const policy: EgressPolicy = { mode: "public", allowList: ["127.0.0.1", "10.0.0.0/8", "::1"] };
    await expect(resolveAllowed("10.9.8.7", policy, { port: 443 })).resolves.toMatchObject({ address: "10.9.8.7" });
    await expect(resolveAllowed("127.0.0.1", policy, { port: 1234 })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("::1", policy)).resolves.toMatchObject({ address: "::1" });
    await expect(resolveAllowed("192.168.0.1", policy)).rejects.toBeInstanceOf(EgressRefused);
  });
});
