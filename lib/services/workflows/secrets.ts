import "server-only";
// A run's `resolveSecrets` (docs/workflows.md): the project's workflow secrets resolve exactly as connection
// fields do: literals as stored, references through the active configuration and the shared secrets cache
// (lib/services/secrets/runtime.ts), so a workflow and a connection reading one secret share one provider call.
// It also records what was read (names and references, never values) for the run's audit.
import { loadWorkflowSecretsForRun } from "@/lib/data/workflow-secrets";
import { formatReference, parseTemplate, renderTemplate } from "@/lib/secrets/references";
import { secretIdentity, secretVersionKey } from "@/lib/secrets/secret-key";
import { selectValue } from "@/lib/secrets/select-value";
import { isSecretsError } from "@/lib/secrets/errors";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";
import type { ResolveSecrets, SecretOutcome } from "@/lib/workflows";
import { providerHandle, resolveThroughCache, type secretsRuntime } from "../secrets/runtime";

export interface SecretRead {
  name: string;
  references: string[];
  ok: boolean;
}

export interface ProjectSecretResolver {
  resolveSecrets: ResolveSecrets;
  /** What the run read so far: names and references, never values. */
  read: () => SecretRead[];
  /**
   * The references a secret this run read resolved through, for the destination rules (lib/services/workflows/
   * destinations.ts): `refs` is empty for a literal; null when the run did not read it.
   */
  referencesOf: (name: string) => { configId: number | null; refs: Array<{ reference: string; identity: string }> } | null;
}

export function projectSecretResolver(scope: { workspaceId: number; projectId: number }): ProjectSecretResolver {
  const reads = new Map<string, SecretRead>();
  const sources = new Map<string, { configId: number | null; refs: Array<{ reference: string; identity: string }> }>();
  const resolveSecrets: ResolveSecrets = async (names) => {
    const { secrets, active, cachePolicy } = await loadWorkflowSecretsForRun(scope, names);
    const out: Record<string, SecretOutcome> = {};
    const pending: Array<{ name: string; parts: ReturnType<typeof parseTemplate>["parts"]; refs: SecretRef[] }> = [];
    for (const name of names) {
      const secret = secrets.find((s) => s.name === name);
      if (!secret) {
        out[name] = { status: "undefined", detail: `No workflow secret named ${name} is defined for this project.` };
        reads.set(name, { name, references: [], ok: false });
      } else if (secret.kind === "literal") {
        out[name] = { status: "ok", value: secret.value };
        reads.set(name, { name, references: ["(encrypted literal)"], ok: true });
        sources.set(name, { configId: null, refs: [] });
      } else if (!active || secret.providerConfigId !== active.id) {
        out[name] = { status: "denied", detail: `The secrets scope changed since ${name} was mapped: map it again to a reference of the active provider.` };
        reads.set(name, { name, references: [], ok: false });
      } else {
        const parsed = parseTemplate(secret.template, active.kind as ProviderKind);
        pending.push({ name, ...parsed });
        reads.set(name, { name, references: parsed.refs.map(formatReference), ok: false });
        sources.set(name, { configId: active.id, refs: parsed.refs.map((ref) => ({ reference: formatReference(ref), identity: secretIdentity(ref) })) });
      }
    }
    if (pending.length > 0 && active) {
      const handle = await providerHandle(active.id, active.revision);
      const outcomes = await resolveThroughCache(
        handle,
        pending.flatMap((p) => p.refs),
        cachePolicy,
      );
      for (const p of pending) out[p.name] = render(p, outcomes);
      for (const p of pending) reads.get(p.name)!.ok = out[p.name]!.status === "ok";
    }
    return out;
  };
  return { resolveSecrets, read: () => [...reads.values()], referencesOf: (name) => sources.get(name) ?? null };
}

type Outcomes = Awaited<ReturnType<ReturnType<typeof secretsRuntime>["cache"]["getMany"]>>;

function render(p: { name: string; parts: ReturnType<typeof parseTemplate>["parts"]; refs: SecretRef[] }, outcomes: Outcomes): SecretOutcome {
  const selected = new Map<SecretRef, string>();
  for (const ref of p.refs) {
    const outcome = outcomes.get(secretVersionKey(ref))!;
    const reference = formatReference(ref);
    if (!outcome.ok) {
      const e = outcome.error;
      if (e.category === "unavailable") return { status: "unavailable", detail: e.forReference(reference).message };
      return { status: e.code === "not_found" ? "not-found" : "denied", detail: e.forReference(reference).message };
    }
    try {
      selected.set(ref, selectValue(ref, outcome.payload));
    } catch (err) {
      if (!isSecretsError(err)) throw err;
      return { status: "not-found", detail: err.forReference(reference).message };
    }
  }
  return { status: "ok", value: renderTemplate(p.parts, (ref) => selected.get(ref)!) };
}
