import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildInProgressReason, buildsOfCheckout } from "./build-detect";

const dirs: string[] = [];
const children: ChildProcess[] = [];

function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), "keyhold-checkout-"));
  mkdirSync(join(dir, ".next"));
  dirs.push(dir);
  return dir;
}

/** A stand-in for a build: a process whose argv reads `... next build`, optionally holding .next/lock open. */
async function fakeBuild(cwd: string, holdLock: boolean): Promise<number> {
  const script = holdLock
    ? "require('fs').openSync('.next/lock','w');setInterval(()=>{},1000);console.log('up')"
    : "setInterval(()=>{},1000);console.log('up')";
  const child = spawn(process.execPath, ["-e", script, "/x/node_modules/.bin/next", "build"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  await new Promise((resolve) => child.stdout!.once("data", resolve));
  return child.pid!;
}

afterAll(() => {
  for (const c of children) c.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("detecting a build of this checkout only", () => {
  it.runIf(process.platform === "linux")("sees a build that holds this checkout's .next/lock, and ignores builds of other checkouts", async () => {
    const mine = checkout();
    const other = checkout();
    expect(buildsOfCheckout(mine)).toEqual([]);
    const otherPid = await fakeBuild(other, true);
    expect(buildsOfCheckout(mine)).toEqual([]); // another engineer's build does not skip our figure
    expect(buildsOfCheckout(other)).toContainEqual({ pid: otherPid, evidence: "holds .next/lock" });
    const minePid = await fakeBuild(mine, false);
    expect(buildsOfCheckout(mine)).toEqual([{ pid: minePid, evidence: "runs next build here" }]);
    expect(buildInProgressReason(mine)).toBe(`a \`next build\` of this checkout is running (pid ${minePid}, runs next build here)`);
  });
});
