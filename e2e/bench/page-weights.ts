// First-load JavaScript of EVERY page of the build, gzipped (figure 6 and the page budget, docs/accessibility.md
// "Lighter pages"): pages are enumerated from the build's app-paths manifest, each weighed from the manifests
// (root main files + the entry chunks of the page and its layouts). Run after `next build`:
//   npx tsx e2e/bench/page-weights.ts      prints the table, exits 1 when a page is over budget
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kB, manifestFiles, sizeOf } from "./bundle-size";
import { ROOT } from "./next-server";

/** The budget of every console page: first-load JS ≤ 150 kB gzipped. */
export const PAGE_BUDGET_BYTES = 150_000;

export interface PageWeight {
  /** e.g. "/(console)/w/[workspaceId]/settings/page" */
  appPage: string;
  /** e.g. "/w/[workspaceId]/settings" */
  route: string;
  files: number;
  gzipBytes: number;
  rawBytes: number;
  missing: number;
}

/** "/(console)/w/[workspaceId]/page" → "/w/[workspaceId]" (route groups dropped). */
export function routeOf(appPage: string): string {
  const path = appPage
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/");
  return path === "" ? "/" : path;
}

/** Every page (not route handler) the build made, from .next/server/app-paths-manifest.json. */
export function appPages(root = ROOT): string[] {
  const manifest = JSON.parse(readFileSync(join(root, ".next", "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/page"))
    .sort();
}

export function pageWeights(): PageWeight[] {
  return appPages().map((appPage) => {
    const size = sizeOf(manifestFiles(appPage));
    return { appPage, route: routeOf(appPage), files: size.files, gzipBytes: size.gzipBytes, rawBytes: size.rawBytes, missing: size.missing.length };
  });
}

export function weightTable(weights: PageWeight[], budget = PAGE_BUDGET_BYTES): string {
  const width = Math.max(...weights.map((w) => w.route.length), 4);
  const lines = [`${"page".padEnd(width)}  files  first-load JS (gzip)  budget ${kB(budget)}`];
  for (const w of [...weights].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    const verdict = w.missing ? "ERROR (files missing)" : w.gzipBytes <= budget ? "ok" : `OVER by ${kB(w.gzipBytes - budget)}`;
    lines.push(`${w.route.padEnd(width)}  ${String(w.files).padStart(5)}  ${kB(w.gzipBytes).padStart(20)}  ${verdict}`);
  }
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("page-weights.ts")) {
  const weights = pageWeights();
  process.stdout.write(`${weightTable(weights)}\n`);
  process.exit(weights.some((w) => w.missing || w.gzipBytes > PAGE_BUDGET_BYTES) ? 1 : 0);
}
