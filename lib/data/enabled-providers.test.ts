import { describe, expect, it } from "vitest";
import { assertProviderEnabled } from "./enabled-providers";

describe("switched-off provider kinds", () => {
  it("refuses a kind PROVIDERS leaves out, with the kinds that are offered", () => {
    expect(() => assertProviderEnabled("aws", ["azure", "vault", "gcp"])).toThrow(
      "AWS Secrets Manager is switched off on this installation (PROVIDERS=azure,vault,gcp). Choose Azure Key Vault, HashiCorp Vault, Google Secret Manager.",
    );
    expect(() => assertProviderEnabled("azure", ["azure", "vault", "gcp"])).not.toThrow();
  });
});
