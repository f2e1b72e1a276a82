// DSL durations: ISO 8601 (`PT5S`, `P1DT2H`) or `{ days, hours, minutes, seconds, milliseconds }`.
import { workflowError } from "../errors";

const ISO = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(value: unknown): number {
  if (typeof value === "string") {
    const m = ISO.exec(value.trim());
    if (!m || value.trim() === "P" || value.trim().endsWith("T")) throw workflowError("configuration", `'${value}' is not an ISO 8601 duration (e.g. PT5S).`);
    const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
    return Math.round(((d * 24 + h) * 60 + min) * 60_000 + s * 1000);
  }
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const n = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : 0);
    return Math.round(n("days") * 86_400_000 + n("hours") * 3_600_000 + n("minutes") * 60_000 + n("seconds") * 1000 + n("milliseconds"));
  }
  throw workflowError("configuration", "A duration is an ISO 8601 string or an object of days/hours/minutes/seconds/milliseconds.");
}

/** Resolves until `ms` passed, or rejects with the signal's reason. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
