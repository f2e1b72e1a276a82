// Queued faults for the Vault emulator and what each answers. Vault's own forms: throttle → 429 with the
// rate-limit quota text, server_error → 500, sealed → 503 "Vault is sealed", standby → 500 "local node not
// active but active cluster node not found" (a standby that cannot reach an active node, as reported by Vault
// users in hashicorp/vault#20336), denied → 403 "1 error occurred: permission denied", raw → a body no client
// parses (../raw-faults.ts).
import type { FaultKind, FaultSpec } from "../types";
import { rawFaultReply, validateRawFault } from "../raw-faults";
import { aclDenied, errors, internalError, rateLimited, sealed, type ApiResponse } from "./responses";

const KINDS: readonly FaultKind[] = ["latency", "throttle", "server_error", "drop", "raw", "denied", "sealed", "standby"];

export class VaultFaults {
  private queue: Array<{ spec: FaultSpec; remaining: number }> = [];

  inject(spec: FaultSpec): void {
    if (!KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    if (spec.kind === "raw") validateRawFault(spec);
    this.queue.push({ spec, remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  take(operation: string): FaultSpec | undefined {
    const index = this.queue.findIndex((f) => !f.spec.operation || f.spec.operation === operation);
    const fault = this.queue[index];
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.queue.splice(index, 1);
    return fault.spec;
  }
}

/** The answer of an answering fault; undefined for latency (then served normally) and drop. */
export function faultResponse(fault: FaultSpec, apiPath: string): ApiResponse | undefined {
  switch (fault.kind) {
    case "throttle": {
      const limited = rateLimited(apiPath);
      return { ...limited, headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) } };
    }
    case "server_error":
      return internalError();
    case "sealed":
      return sealed();
    case "standby":
      return errors(500, "local node not active but active cluster node not found");
    case "denied":
      return aclDenied();
    case "raw": {
      const reply = rawFaultReply(fault);
      const headers = Object.fromEntries(Object.entries(reply.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return { status: reply.status, headers, body: reply.body === "" ? undefined : reply.body };
    }
    default:
      return undefined;
  }
}
