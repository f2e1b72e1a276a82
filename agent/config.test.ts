import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";
import { ConfigError, parseConfig } from "./config";
import { advertisedProfiles } from "./profiles";

const GOOD = `console:
  url: https://keyhold.example.com
secrets:
  provider: aws          # aws | azure | google
  region: us-west-1
database:
  sales:
    adapter: postgresql
    host: db.internal
    port: 5432
    database: sales
    username: { secret: '/opa/sales/username' }
    password: { secret: '/opa/sales/password' }
`;

function problems(text: string): string[] {
  try {
    parseConfig(text, "agent.yml");
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("agent configuration", () => {
  it("accepts the documented example, with secret references kept as references", () => {
    const config = parseConfig(GOOD);
    expect(config.database.sales).toMatchObject({ host: "db.internal", port: "5432", password: { secret: "/opa/sales/password" }, sslMode: "require" });
  });

  it("names the YAML line of each problem", () => {
    expect(problems(GOOD.replace("provider: aws ", "provider: gcp "))).toEqual([expect.stringMatching(/^agent\.yml:4: secrets\.provider: /)]);
    expect(problems(GOOD.replace("password: { secret: '/opa/sales/password' }", "password: { secret: '' }"))).toEqual([
      expect.stringMatching(/^agent\.yml:13: database\.sales\.password/),
    ]);
    expect(problems(GOOD.replace("    database: sales\n", ""))).toEqual([expect.stringMatching(/^agent\.yml:7: database\.sales\.database: /)]);
    expect(problems(GOOD.replace("    host: db.internal\n", "    host: db.internal\n    hostt: typo\n"))).toEqual([
      expect.stringMatching(/^agent\.yml:7: database\.sales: .*hostt/),
    ]);
    expect(problems("console:\n  url: https://a.example\n  url: https://b.example\n")).toEqual([
      expect.stringMatching(/^agent\.yml:3: Map keys must be unique/),
    ]);
  });

  it("reads the origins cloud-profile requests may be forwarded to, and refuses anything but an origin", () => {
    expect(parseConfig(GOOD).forward.allow).toEqual([]);
    const allowed = parseConfig(`${GOOD}forward:\n  allow:\n    - https://Vault.Internal:8200/\n    - http://10.0.0.5:8200\n`);
    expect(allowed.forward.allow).toEqual(["https://vault.internal:8200", "http://10.0.0.5:8200"]);
    const lines = GOOD.split("\n").length;
    expect(problems(`${GOOD}forward:\n  allow:\n    - https://vault.internal:8200/v1/secret\n`)).toEqual([
      expect.stringMatching(new RegExp(`^agent\\.yml:${lines + 1}: forward\\.allow\\.0: Use an origin only`)),
    ]);
    expect(problems(`${GOOD}forward:\n  allow: [ftp://vault.internal]\n`)).toEqual([
      expect.stringContaining("Use an origin like https://vault.internal:8200."),
    ]);
  });

  it("requires a secrets section when a profile uses { secret }", () => {
    expect(problems(GOOD.replace(/secrets:\n.*\n.*\n/, ""))).toEqual([expect.stringContaining("add a secrets: section")]);
  });

  it("advertises names, kinds and a version that changes with the shape but never carries a literal credential", () => {
    const literal = parseConfig(GOOD.replace("password: { secret: '/opa/sales/password' }", "password: hunter2-literal"));
    const other = parseConfig(GOOD.replace("password: { secret: '/opa/sales/password' }", "password: another-literal"));
    const [profile] = advertisedProfiles(literal);
    expect(profile).toMatchObject({ name: "sales", kind: "postgres" });
    expect(advertisedProfiles(other)[0]!.version).toBe(profile!.version); // the literal does not show, even hashed
    expect(advertisedProfiles(parseConfig(GOOD))[0]!.version).not.toBe(profile!.version);
  });
});

describe("reconnect backoff", () => {
  it("grows exponentially up to a cap, with full jitter", () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(30, () => 1)).toBe(15_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
    expect(backoffDelay(4, () => 0.5)).toBe(4_000);
  });
});
