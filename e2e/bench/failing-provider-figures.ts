// Issue 14 item 6: how many provider calls one "Test" action makes against a failing provider, per step. A
// throttling or unavailable provider gets at most 3 attempts per step (the SDKs' own retries are off, one
// retry loop of ours), and the action stops at the first step that failed for good: the read that follows the
// failed Test in the same action reaches the provider 0 times (docs/errors.md "Retry budget").
import { countCalls, type CallCounts } from "@/e2e/emulators/count-calls";
import { persistent, startProviderHarness, type EmulatedProvider } from "@/e2e/emulators/provider-harness";
import type { FaultKind } from "@/e2e/emulators/types";
import type { Row } from "./report";

const FAULTS: Array<{ kind: FaultKind; label: string }> = [
  { kind: "throttle", label: "throttling" },
  { kind: "server_error", label: "unavailable (5xx)" },
];
const MAX_PER_STEP = 3;

export interface FailingProviderFigure {
  provider: string;
  fault: string;
  /** Calls of the Test action, by emulator operation (one operation = one step). */
  testCalls: CallCounts;
  /** Calls of the read that followed the failed Test, in the same provider instance. */
  followUpCalls: CallCounts;
  error: string;
}

async function measure(p: EmulatedProvider, kind: FaultKind, label: string): Promise<FailingProviderFigure> {
  // Each figure starts cold: no role session or token cached from the previous one (msal also remembers a 429).
  p.forget();
  const provider = p.provider();
  p.emulator.clearFaults();
  p.emulator.injectFault(persistent({ kind }));
  const test = await countCalls(p.emulator, () =>
    provider.test().then(
      () => "passed",
      (err: { code?: string }) => err.code ?? "error",
    ),
  );
  const followUp = await countCalls(p.emulator, () => provider.fetchSecrets([p.ref]));
  p.emulator.clearFaults();
  return { provider: p.kind, fault: label, testCalls: test.calls, followUpCalls: followUp.calls, error: test.result };
}

/** Every figure, each provider against each fault; the four emulators are independent, so providers run at once. */
export async function measureFailingProviders(): Promise<FailingProviderFigure[]> {
  const harness = await startProviderHarness();
  try {
    const perProvider = await Promise.all(
      harness.providers.map(async (p) => {
        const out: FailingProviderFigure[] = [];
        for (const f of FAULTS) out.push(await measure(p, f.kind, f.label));
        return out;
      }),
    );
    return perProvider.flat();
  } finally {
    await harness.stop();
  }
}

const show = (calls: CallCounts) =>
  Object.entries(calls)
    .map(([op, n]) => `${op} ${n}`)
    .join(", ") || "0 calls";

export function withinBudget(f: FailingProviderFigure): boolean {
  return Object.values(f.testCalls).every((n) => n <= MAX_PER_STEP) && Object.keys(f.followUpCalls).length === 0;
}

/** Rows in the shape of report.ts. */
export async function failingProviderRows(notes: string[]): Promise<Row[]> {
  const figures = await measureFailingProviders();
  notes.push(
    "Failing provider: one Test per provider with every call throttled or answered 5xx, then a read in the same provider instance; calls by emulator operation (a step), Retry-After honoured inside the 15 s deadline.",
  );
  return figures.map((f) => ({
    id: "9",
    figure: `Calls per step: one Test, ${f.provider} ${f.fault}, then a read`,
    measured: `${show(f.testCalls)} → ${f.error}; read after: ${show(f.followUpCalls)}`,
    baseline: "65 ListSecrets in 34 s (AWS, before)",
    target: `≤ ${MAX_PER_STEP} per step; 0 after`,
    verdict: withinBudget(f) ? "PASS" : "FAIL",
  }));
}
