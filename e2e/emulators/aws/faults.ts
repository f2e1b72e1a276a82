// Call counters and queued faults, shared by both protocols. A fault applies to the next `count` requests of
// its operation (or of any operation); each request takes at most one fault, oldest first.
import type { FaultKind, FaultSpec } from "../types";
import { validateRawFault } from "../raw-faults";

const KINDS: readonly FaultKind[] = ["latency", "throttle", "server_error", "drop", "raw", "denied", "batch_entry_error"];
/** Per-secret ErrorCodes the API reference lists for BatchGetSecretValue's Errors[] (APIErrorType). */
export const BATCH_ENTRY_CODES = [
  "ResourceNotFoundException",
  "AccessDeniedException",
  "DecryptionFailure",
  "InvalidParameterException",
  "InvalidRequestException",
  "InternalServiceError",
] as const;

export class FaultBook {
  private counts: Record<string, number> = {};
  private queue: Array<Required<Pick<FaultSpec, "kind" | "count">> & FaultSpec> = [];

  record(operation: string): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
  }

  calls(): Record<string, number> {
    return { ...this.counts };
  }

  resetCalls(): void {
    this.counts = {};
  }

  inject(fault: FaultSpec): void {
    if (!KINDS.includes(fault.kind)) throw new Error(`unknown fault kind ${String(fault.kind)}`);
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error("fault count must be a positive integer");
    if (fault.kind === "latency" && !(Number(fault.delayMs) >= 0)) throw new Error("latency fault needs delayMs");
    if (fault.kind === "raw") validateRawFault(fault);
    if (fault.kind === "batch_entry_error") {
      if (!BATCH_ENTRY_CODES.includes(fault.code as (typeof BATCH_ENTRY_CODES)[number])) {
        throw new Error(`batch_entry_error needs code, one of ${BATCH_ENTRY_CODES.join(", ")}`);
      }
      // Only a batch has per-secret entries; pinning the operation keeps other calls unaffected.
      this.queue.push({ ...fault, operation: "BatchGetSecretValue", count });
      return;
    }
    this.queue.push({ ...fault, count });
  }

  clear(): void {
    this.queue = [];
  }

  /** Takes the fault for this request, if any. */
  take(operation: string): FaultSpec | undefined {
    const i = this.queue.findIndex((f) => f.operation === undefined || f.operation === operation);
    if (i < 0) return undefined;
    const fault = this.queue[i]!;
    fault.count -= 1;
    if (fault.count <= 0) this.queue.splice(i, 1);
    return fault;
  }
}
