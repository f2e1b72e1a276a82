import { describe, expect, it } from "vitest";
import { bindingKey, destinationKeyOf } from "./destination";

describe("destination keys", () => {
  it("name scheme, host and port of a URL, whatever the path, case or default port spelling", () => {
    const key = "https://api.example.com:443";
    for (const baseUrl of ["https://api.example.com", "https://API.Example.com:443/v2?x=1", "https://api.example.com./", "https://api.example.com#frag"]) {
      expect(destinationKeyOf("http", { baseUrl }), baseUrl).toBe(key);
    }
    expect(destinationKeyOf("http", { baseUrl: "http://api.example.com" })).toBe("http://api.example.com:80");
    expect(destinationKeyOf("http", { baseUrl: "https://api.example.com:8443" })).toBe("https://api.example.com:8443");
    expect(destinationKeyOf("https_cert", { url: "https://[::1]:9443/health" })).toBe("https://[::1]:9443");
    expect(destinationKeyOf("http", { baseUrl: "not a url" })).toBe("");
    expect(destinationKeyOf("http", { baseUrl: "ftp://files.example.com" })).toBe("");
  });

  it("name host, port and TLS mode of PostgreSQL, not the database", () => {
    const base = { host: "DB.internal", port: 5432, database: "orders", sslMode: "require" };
    expect(destinationKeyOf("postgres", base)).toBe("postgres://db.internal:5432 tls=require");
    expect(destinationKeyOf("postgres", { ...base, database: "archive", port: "5432" })).toBe(destinationKeyOf("postgres", base));
    expect(destinationKeyOf("postgres", { ...base, sslMode: "disable" })).not.toBe(destinationKeyOf("postgres", base));
    expect(destinationKeyOf("postgres", { ...base, host: "[::1]" })).toBe("postgres://[::1]:5432 tls=require");
    expect(destinationKeyOf("postgres", {})).toBe("");
  });

  it("read the legacy bindings of migration 0004 as the canonical key, and nothing else as a match", () => {
    expect(bindingKey(`legacy:http:${JSON.stringify({ baseUrl: "https://API.example.com/v1" })}`)).toBe("https://api.example.com:443");
    expect(bindingKey("legacy:http:{broken")).toBe("");
    expect(bindingKey(null)).toBe("");
    expect(bindingKey("https://api.example.com:443")).toBe("https://api.example.com:443");
  });
});

describe("the connection type is part of the destination", () => {
  const pg = { host: "db.internal", port: 5432, sslMode: "require", database: "app" };
  it("names the on-prem group, so a move between cloud and a group, or between groups, changes the key", () => {
    const cloud = destinationKeyOf("postgres", pg);
    const group3 = destinationKeyOf("postgres", { ...pg, onPremGroupId: 3 });
    const group4 = destinationKeyOf("postgres", { ...pg, onPremGroupId: 4 });
    expect(cloud).toBe("postgres://db.internal:5432 tls=require");
    expect(group3).toBe("postgres://db.internal:5432 tls=require via=group:3");
    expect(new Set([cloud, group3, group4]).size).toBe(3);
    expect(destinationKeyOf("http", { baseUrl: "https://api.internal", onPremGroupId: 3 })).toBe("https://api.internal:443 via=group:3");
  });

  it("uses the profile's name for a connection profile, and ignores a profile without a group", () => {
    expect(destinationKeyOf("postgres", { onPremGroupId: 3, profile: "Sales" })).toBe("profile://sales:0 via=group:3");
    expect(destinationKeyOf("postgres", { ...pg, profile: "sales" })).toBe("postgres://db.internal:5432 tls=require");
    expect(destinationKeyOf("postgres", { ...pg, onPremGroupId: "3" })).toBe("postgres://db.internal:5432 tls=require");
  });
});
