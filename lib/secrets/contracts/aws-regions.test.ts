import { describe, expect, it } from "vitest";
import { readSdkRegions } from "@/e2e/support/sdk-regions";
import { AWS_REGIONS, checkAwsRegion } from "./aws-regions";

describe("AWS regions", () => {
  it("are exactly the installed SDK's partition regions (after an SDK upgrade: npx tsx e2e/support/write-aws-regions.ts)", () => {
    expect([...AWS_REGIONS]).toEqual(readSdkRegions());
  });

  it("knows the SDK's regions and suggests the closest one for a typo", () => {
    expect(checkAwsRegion("eu-west-1")).toEqual({ known: true });
    expect(checkAwsRegion("us-esat-1")).toEqual({ known: false, suggestions: ["us-east-1"] });
    expect(checkAwsRegion("eu-wset-2")).toEqual({ known: false, suggestions: ["eu-west-2"] });
    expect(checkAwsRegion("aws-global")).toMatchObject({ known: false });
  });
});
