// Is a `next build` of THIS checkout running? Other engineers' builds in other checkouts on the same machine do
// not touch this checkout's .next, so they must not skip the page-over-HTTP figure (a plain `pgrep -f "next
// build"` could not tell them apart). Linux /proc: a build of this checkout holds <root>/.next/lock open
// (Next's dist-dir lock) or runs `next build` with <root> as its working directory.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";

export interface RunningBuild {
  pid: number;
  /** Which sign gave it away, for the table row. */
  evidence: "holds .next/lock" | "runs next build here";
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined; // the process ended meanwhile, or belongs to another user
  }
}

export function buildsOfCheckout(root: string, procDir = "/proc"): RunningBuild[] {
  const realRoot = safe(() => realpathSync(root)) ?? root;
  const lock = join(realRoot, ".next", "lock");
  const found: RunningBuild[] = [];
  for (const entry of safe(() => readdirSync(procDir)) ?? []) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const fds = safe(() => readdirSync(join(procDir, entry, "fd"))) ?? [];
    if (fds.some((fd) => safe(() => readlinkSync(join(procDir, entry, "fd", fd))) === lock)) {
      found.push({ pid, evidence: "holds .next/lock" });
      continue;
    }
    const argv = safe(() => readFileSync(join(procDir, entry, "cmdline"), "utf8").split("\0")) ?? [];
    const isBuild = argv.some((a, i) => /(^|\/)next$/.test(a) && argv[i + 1] === "build");
    if (isBuild && safe(() => readlinkSync(join(procDir, entry, "cwd"))) === realRoot) found.push({ pid, evidence: "runs next build here" });
  }
  return found;
}

/** The table row's words for a build in progress, or null. */
export function buildInProgressReason(root: string): string | null {
  const builds = buildsOfCheckout(root);
  if (builds.length === 0) return null;
  const first = builds[0]!;
  return `a \`next build\` of this checkout is running (pid ${first.pid}, ${first.evidence})`;
}
