// AWS regions as the installed AWS SDK knows them (aws-regions.json is extracted from @aws-sdk/core's endpoint
// partition data by e2e/support/write-aws-regions.ts, and aws-regions.test.ts fails when the SDK's list moves
// on). A region the SDK does not know is most often a typo (`us-esat-1`, which then times out against an
// endpoint that does not resolve), but new regions open before SDKs list them, so an unknown region is a
// question for the admin ("did you mean…? use it anyway?"), never a hard refusal (docs/formats.md).
import { closestNames } from "@/lib/secrets/closest-names";
import regions from "./aws-regions.json";

export const AWS_REGIONS: readonly string[] = regions.regions;
const KNOWN = new Set(AWS_REGIONS);

export type RegionCheck = { known: true } | { known: false; suggestions: string[] };

export function checkAwsRegion(region: string): RegionCheck {
  if (KNOWN.has(region)) return { known: true };
  return { known: false, suggestions: closestNames(region, AWS_REGIONS, 1) };
}

/** The sentence the form and the server show for an unknown region. */
export function unknownRegionMessage(region: string, suggestions: readonly string[]): string {
  const hint = suggestions.length ? ` Did you mean ${suggestions[0]}?` : "";
  return `The AWS SDK does not know the region "${region}".${hint} If it is a new region, tick "Use it anyway".`;
}
