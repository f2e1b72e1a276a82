// The shape every local provider emulator shares (AWS, Vault, Azure, Google). They are dev and test
// infrastructure and the embedded demo default, never imported by product code.
//
// Each emulator also answers a control API on its own port, under /_emulator/, for tests that run it in
// another process (Playwright):
//   GET  /_emulator/calls          -> { "<Operation>": count, ... }
//   POST /_emulator/calls/reset    -> {}
//   POST /_emulator/faults         <- FaultSpec            (queue a fault; 400 for one the emulator cannot play)
//   POST /_emulator/faults/clear   -> {}
//   POST /_emulator/state          <- emulator-specific mutation (rotate a secret, change a policy, ...)
// count-calls.ts turns the counters into "calls this action caused" for tests and the bench.

// Common kinds every emulator plays; the rest are provider-specific (each FIDELITY.md lists its own):
//   raw                      any emulator: `status` with an unparseable `body` (raw-faults.ts)
//   denied                   AWS, Vault: the provider's own parsed denial
//   batch_entry_error        AWS: BatchGetSecretValue answers 200 with entries in Errors[] (`code`, `secretId`)
//   forbidden_by_connection  Azure: 403 ForbiddenByConnection (public network access disabled)
//   forbidden_by_policy      Azure: 403 ForbiddenByPolicy
//   empty_page               Azure: a list page with no items but a nextLink to the same position
//   service_disabled         Google: 403 SERVICE_DISABLED naming `consumerProject`
//   sealed, standby          Vault: 503 "Vault is sealed" / 500 no active node
export type FaultKind =
  | "latency"
  | "throttle"
  | "server_error"
  | "drop"
  | "raw"
  | "denied"
  | "batch_entry_error"
  | "forbidden_by_connection"
  | "forbidden_by_policy"
  | "empty_page"
  | "service_disabled"
  | "sealed"
  | "standby";

/** For `raw`: XML, a proxy's HTML page, or nothing at all. */
export type RawFaultBody = "xml" | "html" | "empty";

export interface FaultSpec {
  kind: FaultKind;
  /** Operation name as the emulator counts it (e.g. "GetSecretValue"); omitted = any operation. */
  operation?: string;
  /** How many requests it applies to; omitted = 1. Use a large number for "until cleared". */
  count?: number;
  /** For latency: added delay. */
  delayMs?: number;
  /** For raw: the HTTP status (401, 403, 404, 429, 500, 502, 503). */
  status?: number;
  /** For raw: the body shape; omitted = empty. */
  body?: RawFaultBody;
  /** For batch_entry_error: the per-secret ErrorCode (e.g. DecryptionFailure). */
  code?: string;
  /** For batch_entry_error: only this SecretId (as sent); omitted = every id of the request. */
  secretId?: string;
  /** For service_disabled: the consumer project number named in the error; omitted = the fixture's. */
  consumerProject?: string;
  /** For throttle (Azure, Vault): the Retry-After seconds sent; omitted = 1. */
  retryAfterSeconds?: number;
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
