// How many provider calls, by operation, one product action caused: the difference of the emulator's
// counters around the action (not a reset, so counters other tests or a background warm-up rely on stay
// intact). In process it reads `calls()`; for an emulator in another process (Playwright, the bench) it reads
// GET /_emulator/calls on the emulator's control URL.
import type { RunningEmulator } from "./types";

export type CallCounts = Record<string, number>;

export function callDelta(before: CallCounts, after: CallCounts): CallCounts {
  const delta: CallCounts = {};
  for (const [op, n] of Object.entries(after)) {
    const d = n - (before[op] ?? 0);
    if (d > 0) delta[op] = d;
  }
  return delta;
}

export async function countCalls<T>(emulator: Pick<RunningEmulator, "calls">, action: () => Promise<T>): Promise<{ result: T; calls: CallCounts }> {
  const before = emulator.calls();
  const result = await action();
  return { result, calls: callDelta(before, emulator.calls()) };
}

/** `controlUrl` is the emulator's plain-HTTP base (for Azure its proxyUrl). */
export async function countCallsOverHttp<T>(controlUrl: string, action: () => Promise<T>): Promise<{ result: T; calls: CallCounts }> {
  const read = async () => (await (await fetch(`${controlUrl.replace(/\/+$/, "")}/_emulator/calls`)).json()) as CallCounts;
  const before = await read();
  const result = await action();
  return { result, calls: callDelta(before, await read()) };
}
