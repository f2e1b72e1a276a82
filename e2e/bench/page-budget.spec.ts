// The page budget (docs/accessibility.md "Lighter pages"): first-load JavaScript ≤ 150 kB gzipped on every page
// of the build, pages enumerated from the build's manifest. Runs in the Playwright layer because that layer runs
// after `next build` (.ci/test-all); it reads the build output and needs no browser.
import { expect, test } from "@playwright/test";
import { appPages, PAGE_BUDGET_BYTES, pageWeights, weightTable } from "./page-weights";

test("every page's first-load JavaScript is within the budget", () => {
  const weights = pageWeights();
  console.log(weightTable(weights));
  expect(appPages().length, "pages in the build").toBeGreaterThanOrEqual(20);
  expect(
    weights.filter((w) => w.missing > 0).map((w) => w.route),
    "pages whose chunks are missing",
  ).toEqual([]);
  expect(weights.filter((w) => w.gzipBytes > PAGE_BUDGET_BYTES).map((w) => `${w.route}: ${(w.gzipBytes / 1000).toFixed(1)} kB`)).toEqual([]);
});
