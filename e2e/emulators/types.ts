// The shape every local provider emulator shares (AWS, Vault, Azure, Google). They are dev and test
// infrastructure and the embedded demo default, never imported by product code.
//
// Each emulator also answers a control API on its own port, under /_emulator/, for tests that run it in
// another process (Playwright):
//   GET  /_emulator/calls          -> { "<Operation>": count, ... }
//   POST /_emulator/calls/reset    -> {}
//   POST /_emulator/faults         <- FaultSpec            (queue a fault)
//   POST /_emulator/faults/clear   -> {}
//   POST /_emulator/state          <- emulator-specific mutation (rotate a secret, change a policy, ...)

export type FaultKind = "latency" | "throttle" | "server_error" | "drop";

export interface FaultSpec {
  kind: FaultKind;
  /** Operation name as the emulator counts it (e.g. "GetSecretValue"); omitted = any operation. */
  operation?: string;
  /** How many requests it applies to; omitted = 1. Use a large number for "until cleared". */
  count?: number;
  /** For latency: added delay. */
  delayMs?: number;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:45123 (https:// for Azure). */
  url: string;
  port: number;
  /** Calls served, by operation name. */
  calls(): Record<string, number>;
  resetCalls(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  close(): Promise<void>;
}
