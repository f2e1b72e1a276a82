// Reads secrets for a run through the product's resolver, once per name. Every value is handed to the
// scrubber before any code can use it. Undeclared, undefined, denied or missing names raise the
// authorization error (403) and an outage raises communication (503): never an empty string.
import { workflowError } from "../errors";
import type { Scrubber } from "../scrub";
import type { ResolveSecrets, SecretOutcome } from "../types";
import { secretsIn } from "../secret-refs";
import { strings } from "../validate/walk";
import type { PendingEvent } from "./context";

const WHY: Record<Exclude<SecretOutcome["status"], "ok" | "unavailable">, string> = {
  undefined: "is not defined for this project",
  denied: "was denied by the secrets provider",
  "not-found": "no longer exists in the secrets provider",
};

export class SecretStore {
  private readonly outcomes = new Map<string, SecretOutcome>();

  constructor(
    private readonly declared: ReadonlySet<string>,
    private readonly resolver: ResolveSecrets,
    private readonly scrubber: Scrubber,
    private readonly emit: (e: PendingEvent) => void,
    /** Every declared name the definition reads: asked for together at the first read, one provider batch per run. */
    private readonly prefetch: readonly string[] = [],
  ) {}

  /** Values for `names`, or the error of the first one that cannot be read. */
  async read(names: readonly string[], task: string, signal: AbortSignal): Promise<Record<string, string>> {
    const wanted = [...new Set(names)];
    if (wanted.length === 0) return {};
    const undeclared = wanted.filter((n) => !this.declared.has(n));
    if (undeclared.length > 0) {
      this.emit({ type: "secret.read", task, names: undeclared, ok: false });
      throw workflowError("authorization", `Secret '${undeclared[0]}' is not declared in use.secrets.`);
    }
    const missing = wanted.filter((n) => !this.outcomes.has(n));
    if (missing.length > 0) await this.resolve([...new Set([...missing, ...this.prefetch.filter((n) => !this.outcomes.has(n))])], signal);
    const values: Record<string, string> = {};
    for (const name of wanted) {
      const outcome = this.outcomes.get(name)!;
      if (outcome.status === "ok") {
        values[name] = outcome.value;
        continue;
      }
      this.emit({ type: "secret.read", task, names: [name], ok: false });
      const detail = outcome.detail ? ` (${outcome.detail})` : "";
      // An outage is not remembered: a retry asks the provider again.
      if (outcome.status === "unavailable") this.outcomes.delete(name);
      if (outcome.status === "unavailable")
        throw workflowError("communication", `Secret '${name}' cannot be read: the secrets provider is unavailable${detail}.`, { status: 503 });
      throw workflowError("authorization", `Secret '${name}' ${WHY[outcome.status]}${detail}.`);
    }
    this.emit({ type: "secret.read", task, names: wanted, ok: true });
    return values;
  }

  private async resolve(names: string[], signal: AbortSignal): Promise<void> {
    let result: Readonly<Record<string, SecretOutcome>>;
    try {
      result = await this.resolver(names, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw workflowError("communication", `The secrets provider is unavailable: ${why}`, { status: 503 });
    }
    for (const name of names) {
      const outcome = result[name] ?? { status: "undefined" as const };
      if (outcome.status === "ok") this.scrubber.add(outcome.value);
      this.outcomes.set(name, outcome);
    }
  }
}

/** `$secrets` as jq sees it: a secret holding a JSON object is that object (`$secrets.creds.username`), others strings. */
export function secretsForExpressions(values: Readonly<Record<string, string>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return [name, parsed];
      } catch {
        // not JSON: the string itself
      }
      return [name, value];
    }),
  );
}

const namesByWorkflow = new WeakMap<object, string[]>();

/** Every secret name a definition reads, in either form or through a policy's `use: <secret>` (cached per definition). */
export function secretNamesIn(workflow: object): string[] {
  const cached = namesByWorkflow.get(workflow);
  if (cached) return cached;
  const names = new Set<string>();
  for (const { text } of strings(workflow)) for (const n of secretsIn(text)) names.add(n);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if ((k === "basic" || k === "bearer" || k === "oauth2") && x && typeof x === "object" && typeof (x as { use?: unknown }).use === "string")
          names.add((x as { use: string }).use);
        visit(x);
      }
    }
  };
  visit(workflow);
  const list = [...names];
  namesByWorkflow.set(workflow, list);
  return list;
}
