// Test support: a REAL on-prem agent process (agent/main.ts) for end-to-end tests, and the polling wait they
// share. One process (node with tsx's loader), so that a kill reaches the agent itself rather than a wrapper; its
// environment is only what the test gives it (the agent's own key, network and identity), never the console's.
import { type ChildProcess, spawn } from "node:child_process";

export interface AgentProcess {
  child: ChildProcess;
  /** Everything the agent printed, stdout and stderr in arrival order: tests search it for canaries. */
  output: string[];
}

export function spawnAgent(configFile: string, env: Record<string, string>): AgentProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", configFile], {
    cwd: process.cwd(),
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  return { child, output };
}

/** Polls `probe` every 100 ms until it gives a value; on timeout the error carries the agent's output. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, agent: () => AgentProcess | null, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; agent output:\n${agent()?.output.join("") ?? "(no agent)"}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
