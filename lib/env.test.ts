import { describe, expect, it } from "vitest";
import { EMBEDDED_DEFAULTS } from "@/lib/cli/embedded-defaults";
import { PROVIDER_KINDS } from "@/lib/secrets/types";
import { PROVIDER_KIND_NAMES, parseEnv, productionStartProblem } from "./env";

describe("PROVIDERS", () => {
  it("enables all four kinds by default and names the same kinds as the providers", () => {
    expect(parseEnv({}).PROVIDERS).toEqual(["aws", "azure", "vault", "gcp"]);
    expect([...PROVIDER_KIND_NAMES]).toEqual([...PROVIDER_KINDS]);
  });

  it("takes a comma list, case and spaces forgiven", () => {
    expect(parseEnv({ PROVIDERS: " Azure, vault ,gcp" }).PROVIDERS).toEqual(["azure", "vault", "gcp"]);
  });

  it("refuses an unknown kind or an empty list, naming the variable", () => {
    expect(() => parseEnv({ PROVIDERS: "azure,aws2" })).toThrow(/PROVIDERS.*unknown provider kind "aws2"/);
    expect(() => parseEnv({ PROVIDERS: " , " })).toThrow(/PROVIDERS: enable at least one/);
  });
});

describe("a production start", () => {
  const prod = { NODE_ENV: "production" };

  it("refuses without PLATFORM_AWS_ACCOUNT_ID while AWS is enabled, and says how to fix it", () => {
    const problem = productionStartProblem(prod);
    expect(problem).toContain("PLATFORM_AWS_ACCOUNT_ID is not set");
    expect(problem).toContain("PROVIDERS=azure,vault,gcp");
    expect(productionStartProblem({ ...prod, PROVIDERS: "aws,azure" })).not.toBeNull();
  });

  it("starts with an account set, or with AWS switched off", () => {
    expect(productionStartProblem({ ...prod, PLATFORM_AWS_ACCOUNT_ID: "123456789012" })).toBeNull();
    expect(productionStartProblem({ ...prod, PROVIDERS: "azure,vault,gcp" })).toBeNull();
  });

  it("does not apply to `next build`, development or tests", () => {
    expect(productionStartProblem({ ...prod, NEXT_PHASE: "phase-production-build" })).toBeNull();
    expect(productionStartProblem({ NODE_ENV: "development" })).toBeNull();
    expect(productionStartProblem({ NODE_ENV: "test" })).toBeNull();
  });

  it("lets the embedded demo (npm start) keep the emulator's account", () => {
    expect(productionStartProblem({ ...prod, ...EMBEDDED_DEFAULTS })).toBeNull();
    expect(parseEnv(EMBEDDED_DEFAULTS).PLATFORM_AWS_ACCOUNT_ID).toBe("111122223333");
  });
});
