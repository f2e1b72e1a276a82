// What a queued fault answers on the Google emulator. Kept apart from the server so each kind's wire form is
// in one place: throttle → 429 RESOURCE_EXHAUSTED (quota ErrorInfo), server_error → 503 UNAVAILABLE,
// service_disabled → 403 PERMISSION_DENIED with ErrorInfo SERVICE_DISABLED naming the consumer project,
// raw → a body no client parses (../raw-faults.ts).
import type { FaultKind, FaultSpec } from "../types";
import { validateRawFault } from "../raw-faults";
import { quotaExceeded, serviceDisabled, serviceUnavailable, type Reply } from "./google-errors";

export const FAULT_KINDS: readonly FaultKind[] = ["latency", "throttle", "server_error", "drop", "raw", "service_disabled"];

export interface QueuedFault extends FaultSpec {
  remaining: number;
  delayMs: number;
}

export function queuedFault(f: FaultSpec): QueuedFault {
  if (!FAULT_KINDS.includes(f.kind)) throw new Error(`Unknown fault kind: ${String(f.kind)}`);
  if (f.kind === "raw") validateRawFault(f);
  if (f.kind === "service_disabled") {
    // The token endpoint is oauth2.googleapis.com, not the API: no service to be disabled there.
    if (f.operation === "token") throw new Error("service_disabled applies to Secret Manager operations, not token");
    if (f.consumerProject !== undefined && !/^\d{1,20}$/.test(f.consumerProject)) throw new Error("consumerProject must be a project number");
  }
  return { ...f, remaining: f.count ?? 1, delayMs: f.delayMs ?? 1_000 };
}

/** The reply for an answering fault (not latency, drop or raw, which the server plays itself). */
export function faultReply(fault: QueuedFault, op: string, rpc: string, projectNumber: string): Reply {
  const token = op === "token";
  switch (fault.kind) {
    case "throttle":
      return token ? { status: 429, body: { error: "rate_limit_exceeded", error_description: "Rate Limit Exceeded" } } : quotaExceeded(projectNumber, rpc);
    case "service_disabled":
      return serviceDisabled(fault.consumerProject ?? projectNumber);
    default:
      return token ? { status: 503, body: { error: "internal_failure", error_description: "Backend Error" } } : serviceUnavailable();
  }
}
