// Queued faults and per-operation counters, shared by every route of the emulator.
import type { ServerResponse, IncomingMessage } from "node:http";
import type { FaultSpec } from "../types";
import { sendJson } from "./http-util";
import { validateRawFault, writeRawFault } from "../raw-faults";

const KINDS = ["latency", "throttle", "server_error", "drop", "raw", "forbidden_by_connection", "forbidden_by_policy", "empty_page"];

interface QueuedFault extends FaultSpec {
  remaining: number;
}

export class FaultBook {
  private faults: QueuedFault[] = [];
  private counts = new Map<string, number>();

  count(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  calls(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCalls(): void {
    this.counts.clear();
  }

  inject(fault: FaultSpec): void {
    if (!KINDS.includes(fault.kind)) throw new Error(`unknown fault kind ${String(fault.kind)}`);
    if (fault.kind === "raw") validateRawFault(fault);
    if (fault.retryAfterSeconds !== undefined && !(Number.isInteger(fault.retryAfterSeconds) && fault.retryAfterSeconds >= 0)) {
      throw new Error("retryAfterSeconds must be a whole number of seconds");
    }
    this.faults.push({ ...fault, remaining: fault.count ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  take(operation: string): FaultSpec | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.operation || f.operation === operation));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Plays a fault. Returns true when the request has been answered (or dropped) and the caller must stop;
 * latency only delays, then the request proceeds unless the client gave up meanwhile.
 */
export async function playFault(fault: FaultSpec | undefined, req: IncomingMessage, res: ServerResponse, service: "keyvault" | "entra"): Promise<boolean> {
  if (!fault) return false;
  switch (fault.kind) {
    case "latency":
      await sleep(fault.delayMs ?? 1_000);
      return res.destroyed || req.socket.destroyed;
    case "drop":
      req.socket.destroy();
      return true;
    case "raw":
      writeRawFault(res, fault);
      return true;
    case "throttle": {
      const retry = { "Retry-After": String(fault.retryAfterSeconds ?? 1) };
      if (service === "keyvault") {
        sendJson(
          res,
          429,
          {
            error: {
              code: "Throttled",
              message: "Request was not processed because too many requests were received. Reason: A generic rate limit for the vault was exceeded.",
            },
          },
          retry,
        );
      } else {
        sendJson(
          res,
          429,
          { error: "temporarily_unavailable", error_description: "AADSTS90055: The request was throttled. Try again later.", error_codes: [90055] },
          retry,
        );
      }
      return true;
    }
    case "server_error":
      if (service === "keyvault") {
        sendJson(res, 500, { error: { code: "InternalServerError", message: "The service encountered an internal error. Please try again." } });
      } else {
        sendJson(res, 500, {
          error: "server_error",
          error_description: "AADSTS90033: A transient error has occurred. Please try again.",
          error_codes: [90033],
        });
      }
      return true;
    default:
      // Key Vault-only kinds were played before (vault-faults.ts); on Entra they do not apply.
      return false;
  }
}
