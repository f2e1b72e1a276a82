// The real page over HTTP: the server entry (lib/cli/server.ts) on the existing production build (.next), on a free port, against the
// worker's database, signed in with a session row created through the data layer.
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { freePort } from "@/lib/testing/free-port";
import { join, resolve } from "node:path";
import { spawnGroup, stopChildren } from "@/lib/cli/processes";
import { buildInProgressReason } from "./build-detect";
import { sleep } from "./stats";

export const ROOT = resolve(__dirname, "../..");

/**
 * Why the page cannot be timed over HTTP right now, or null when it can. Only a build of this checkout counts
 * (build-detect.ts); builds in other checkouts on the machine leave this one's .next alone.
 */
export function httpUnavailableReason(): string | null {
  const building = buildInProgressReason(ROOT);
  if (building) return building;
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) return "no production build in .next (run `npx next build` first)";
  return null;
}

/**
 * Waits (up to `timeoutMs`) while a build of this checkout runs; then the reason the figure is skipped (shown in
 * its table row), or null. Without a build in progress there is nothing to wait for.
 */
export async function waitForBuild(timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  while (buildInProgressReason(ROOT) && Date.now() < deadline) {
    waited = true;
    await sleep(2_000);
  }
  const reason = httpUnavailableReason();
  return reason && waited ? `${reason}; waited ${Math.round(timeoutMs / 1000)} s` : reason;
}

export const buildId = () => readFileSync(join(ROOT, ".next", "BUILD_ID"), "utf8").trim();

interface RunningNext {
  url: string;
  stop(): void;
}

export async function startNext(env: Record<string, string | undefined>): Promise<RunningNext> {
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawnGroup(join(ROOT, "node_modules/.bin/tsx"), ["lib/cli/server.ts"], {
    cwd: ROOT,
    // A production server refuses to start without our AWS account (lib/env.ts); the bench uses the emulator's.
    env: {
      PLATFORM_AWS_ACCOUNT_ID: "111122223333",
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b: Buffer) => output.push(b.toString()));
  child.stderr?.on("data", (b: Buffer) => output.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited: ${output.join("").slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, stop: stopChildren };
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  stopChildren();
  throw new Error(`the server did not answer within 60 s: ${output.join("").slice(-2000)}`);
}

interface PageResponse {
  status: number;
  body: string;
  ms: number;
}

/** Time to the last byte of the body, as a browser's navigation would wait for it. */
export async function getPage(url: string, cookie: string): Promise<PageResponse> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - started };
}

/** External scripts a browser loads on first load (module scripts; nomodule polyfills excluded). */
export function scriptSources(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (src && !/\bnomodule\b/i.test(attrs)) out.push(src.replace(/&amp;/g, "&"));
  }
  return [...new Set(out)];
}
