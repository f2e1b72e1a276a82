// Child processes of the launchers, each in its own process group: `next start` leaves next-server running
// when only its parent dies, so shutdown signals the whole group.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";

const children: ChildProcess[] = [];

export function spawnGroup(cmd: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...options, detached: true });
  children.push(child);
  return child;
}

export function runToCompletion(cmd: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...options });
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}).`))));
  });
}

/**
 * Starts the local AWS/Vault/Azure/Google emulators (dev and test infrastructure, never product code) and
 * returns the environment that points the official SDKs at them.
 */
interface StartedEmulators {
  env: Record<string, string>;
  urls: Record<string, string>;
}

export function startEmulators(cwd: string, extraArgs: string[] = []): Promise<StartedEmulators> {
  const child = spawnGroup("npx", ["tsx", "e2e/emulators/main.ts", ...extraArgs], { cwd, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolveEnv, reject) => {
    child.on("exit", (code) => reject(new Error(`The emulators exited early (exit ${code}).`)));
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return void console.log(line);
      const msg = JSON.parse(line) as { ready?: boolean; env?: Record<string, string>; urls?: Record<string, string> };
      if (msg.ready && msg.env && msg.urls) resolveEnv({ env: msg.env, urls: msg.urls });
    });
  });
}

export function stopChildren(): void {
  for (const child of children) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  }
}

export function exitWithChildren(code: number): never {
  stopChildren();
  process.exit(code);
}

export function stopChildrenOnSignals(): void {
  process.on("SIGINT", () => exitWithChildren(0));
  process.on("SIGTERM", () => exitWithChildren(0));
}
