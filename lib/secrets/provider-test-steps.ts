// "Test configuration" as steps, the same for every provider: authenticate (a failure throws: nothing else can
// be tested), list (its failure is a step; reading is still tried), then read up to 3 secrets through the
// provider's own fetchSecrets, so the test proves what a connection will need. Values are dropped here: a read
// step reports only the payload's shape.
import { isSecretsError, providerError, type SecretsError } from "./errors";
import { secretVersionKey } from "./secret-key";
import type { FetchOutcome, ProviderTestResult, ProviderTestStep, SecretPayload, SecretRef } from "./types";

export const MAX_TEST_READS = 3;

export interface TestPlan {
  provider: string;
  auth: { label: string; needs: string; run: () => Promise<string> };
  list: { label: string; needs: string; run: () => Promise<string[]>; describeEmpty?: () => string };
  read: {
    needs: (ref: SecretRef) => string;
    name: (ref: SecretRef) => string;
    fetch: (refs: readonly SecretRef[]) => Promise<Map<string, FetchOutcome>>;
    /** A note for every successful read, e.g. AWS reading one by one without BatchGetSecretValue. */
    note?: () => string | undefined;
  };
}

export const READ_UNTESTED = "Reading is untested: no connection references a secret of this configuration yet. Name a secret below to test reading it.";

export async function runProviderTest(plan: TestPlan, reads: readonly SecretRef[] = []): Promise<ProviderTestResult> {
  const identity = await plan.auth.run();
  const steps: ProviderTestStep[] = [{ kind: "auth", label: plan.auth.label, needs: plan.auth.needs, status: "ok", detail: identity }];
  let names: string[] = [];
  try {
    names = await plan.list.run();
    const count = `${names.length}${names.length >= 100 ? "+" : ""} secret${names.length === 1 ? "" : "s"} visible.`;
    const detail = names.length ? count : (plan.list.describeEmpty?.() ?? count);
    steps.push({ kind: "list", label: plan.list.label, needs: plan.list.needs, status: "ok", detail });
  } catch (err) {
    steps.push(failed("list", plan.list.label, plan.list.needs, asError(err, plan.provider)));
  }
  steps.push(...(await readSteps(plan, reads.slice(0, MAX_TEST_READS))));
  return { secretCount: names.length, sampleNames: names.slice(0, 5), identity, steps };
}

async function readSteps(plan: TestPlan, refs: readonly SecretRef[]): Promise<ProviderTestStep[]> {
  if (!refs.length) return [{ kind: "read", label: "Read a secret", needs: "", status: "skipped", detail: READ_UNTESTED }];
  let outcomes: Map<string, FetchOutcome>;
  try {
    outcomes = await plan.read.fetch(refs);
  } catch (err) {
    const error = asError(err, plan.provider);
    return refs.map((ref) => failed("read", `Read ${plan.read.name(ref)}`, plan.read.needs(ref), error));
  }
  const note = plan.read.note?.();
  return refs.map((ref) => {
    const label = `Read ${plan.read.name(ref)}`;
    const needs = plan.read.needs(ref);
    const outcome = outcomes.get(secretVersionKey(ref));
    if (!outcome) return failed("read", label, needs, providerError(plan.provider, "no result for the secret"));
    if (!outcome.ok) return failed("read", label, needs, outcome.error);
    const detail = `Read ${shapeOf(outcome.payload)}; the value stays on the server.${note ? ` ${note}` : ""}`;
    return { kind: "read", label, needs, status: "ok", detail };
  });
}

function failed(kind: ProviderTestStep["kind"], label: string, needs: string, error: SecretsError): ProviderTestStep {
  return { kind, label, needs, status: "failed", detail: error.message, error: error.toJSON() };
}

function asError(err: unknown, provider: string): SecretsError {
  if (isSecretsError(err)) return err;
  return providerError(provider, err instanceof Error ? err.message : "unknown error");
}

/** The payload's shape in words: JSON key count, text or binary. Never the value, nor its length. */
function shapeOf(payload: SecretPayload): string {
  if ("binary" in payload) return "a binary secret";
  try {
    const parsed: unknown = JSON.parse(payload.text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const n = Object.keys(parsed).length;
      return `a JSON secret with ${n} key${n === 1 ? "" : "s"}`;
    }
  } catch {
    // plain text
  }
  return "a text secret";
}

/** Whether the result passed: every step that ran succeeded. */
export function testPassed(result: Pick<ProviderTestResult, "steps">): boolean {
  return result.steps.every((s) => s.status !== "failed");
}

/**
 * Azure and Google fetch their token inside the first call, so the listing proves the token: a listing refused
 * for lack of permission (authorization) came after an accepted token; any other failure is the token step's.
 */
export function tokenProvedByList(list: () => Promise<string[]>): { token: () => Promise<void>; list: () => Promise<string[]> } {
  let listing: Promise<string[]> | undefined;
  return {
    async token() {
      listing = list();
      try {
        await listing;
      } catch (err) {
        if (!isSecretsError(err) || err.category !== "authorization") throw err;
      }
    },
    list: () => listing ?? list(),
  };
}
