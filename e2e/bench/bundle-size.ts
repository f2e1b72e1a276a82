// Figure 6: first-load JavaScript of a page, gzipped. Measured on the HTML the real page serves (the module
// scripts a browser fetches before the page is interactive), cross-checked against the build's manifests
// (root main files + the entry chunks of the page and its layouts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { ROOT } from "./next-server";

const NEXT = join(ROOT, ".next");

interface JsSize {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  missing: string[];
}

/** Sizes of build files given as "static/chunks/x.js" (gzip level 9, as Next's own size report). */
export function sizeOf(files: readonly string[]): JsSize {
  const out: JsSize = { files: 0, rawBytes: 0, gzipBytes: 0, missing: [] };
  for (const f of new Set(files)) {
    const path = join(NEXT, f);
    if (!existsSync(path)) {
      out.missing.push(f);
      continue;
    }
    const buf = readFileSync(path);
    out.files++;
    out.rawBytes += buf.length;
    out.gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  return out;
}

/** `/_next/static/chunks/x.js?dpl=…` → `static/chunks/x.js`; other scripts are not build output. */
export function buildFilesOf(scriptSrcs: readonly string[]): string[] {
  return scriptSrcs.flatMap((src) => {
    const m = /\/_next\/(static\/[^?#]+\.js)/.exec(src);
    return m ? [decodeURIComponent(m[1]!)] : [];
  });
}

/** From the manifests: the root main files and the entry chunks of `appPage` (e.g. "/(console)/w/[workspaceId]/settings/page"). */
export function manifestFiles(appPage: string): string[] {
  const build = JSON.parse(readFileSync(join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  const code = readFileSync(join(NEXT, "server", "app", `${appPage}_client-reference-manifest.js`), "utf8");
  const sandbox = createContext({});
  runInContext(code, sandbox);
  const manifests = (sandbox as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> }).__RSC_MANIFEST ?? {};
  const entries = manifests[appPage]?.entryJSFiles ?? {};
  const pageKey = `[project]/app${appPage}`;
  const pageDir = pageKey.slice(0, pageKey.lastIndexOf("/"));
  const files = new Set(build.rootMainFiles ?? []);
  for (const [key, chunks] of Object.entries(entries)) {
    const isLayoutOfPage = key.endsWith("/layout") && pageDir.startsWith(key.slice(0, key.lastIndexOf("/")));
    if (key === pageKey || isLayoutOfPage) for (const c of chunks) files.add(c);
  }
  return [...files];
}

const MARKERS: Array<[RegExp, string]> = [
  [/ZodError|\$ZodType/, "zod"],
  [/DismissableLayer|FocusScope/, "@radix-ui"],
  [/QueryClient/, "@tanstack/react-query"],
  [/__reactFiber|react-dom/, "react-dom"],
];

/** The shared files every page loads (framework), and each other file's gzip size with a hint at its content. */
export function composition(files: readonly string[]): { shared: number; parts: string[] } {
  const build = JSON.parse(readFileSync(join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  const root = new Set(build.rootMainFiles ?? []);
  let shared = 0;
  const parts: Array<[number, string]> = [];
  for (const f of new Set(files)) {
    const path = join(NEXT, f);
    if (!existsSync(path)) continue;
    const buf = readFileSync(path);
    const gz = gzipSync(buf, { level: 9 }).length;
    if (root.has(f)) {
      shared += gz;
      continue;
    }
    const text = buf.toString("utf8");
    const hints = MARKERS.filter(([re]) => re.test(text)).map(([, name]) => name);
    parts.push([gz, `${kB(gz)}${hints.length ? ` (${hints.join(", ")})` : ""}`]);
  }
  return { shared, parts: parts.sort((a, b) => b[0] - a[0]).map(([, s]) => s) };
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
