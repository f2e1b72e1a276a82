import "server-only";
// Resolves a connection's credential fields for one use (a test, later a workflow run): literals as stored,
// templates through the active configuration and the cache. Values stay in this process's memory; the
// report says what happened to each reference, never a value.
import type { ConnectionForUse } from "@/lib/data/connections";
import type { CredentialFieldName } from "@/lib/connections/types";
import { parseTemplate, renderTemplate, ReferenceParseError, formatReference } from "@/lib/secrets/references";
import { selectValue } from "@/lib/secrets/select-value";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { invalidConfiguration, isSecretsError, scopeChanged, type SecretsError } from "@/lib/secrets/errors";
import { providerHandle, resolveThroughCache } from "./runtime";
import { policyRefusals } from "./policy-gate";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";
import type { GetOptions } from "@/lib/secrets/cache/secrets-cache";
import type { ReferenceReport } from "@/lib/views/connections";

export interface ResolvedCredentials {
  values: Partial<Record<CredentialFieldName, string>>;
  references: ReferenceReport[];
  ok: boolean;
  /** A value came from the outage grace period. */
  degraded: boolean;
}

/** `interactive` when a user waits on the answer (a Test): it goes ahead of background bursts (docs/cache.md). */
export async function resolveCredentials(connection: ConnectionForUse, options: GetOptions = {}): Promise<ResolvedCredentials> {
  const values: Partial<Record<CredentialFieldName, string>> = {};
  const references: ReferenceReport[] = [];
  const templates: Array<{ name: CredentialFieldName; parts: ReturnType<typeof parseTemplate>["parts"]; refs: SecretRef[] }> = [];

  for (const field of connection.fields) {
    if (field.mode === "literal") {
      values[field.name] = field.value;
      continue;
    }
    const active = connection.active;
    if (!active || field.providerConfigId !== active.id) {
      for (const raw of rawReferences(field.template))
        references.push({ field: field.name, reference: raw, ok: false, ms: 0, error: scopeChanged(raw).toJSON() });
      continue;
    }
    try {
      const parsed = parseTemplate(field.template, active.kind as ProviderKind);
      templates.push({ name: field.name, parts: parsed.parts, refs: parsed.refs });
    } catch (err) {
      if (!(err instanceof ReferenceParseError)) throw err;
      references.push({
        field: field.name,
        reference: field.template.slice(0, 200),
        ok: false,
        ms: 0,
        error: invalidConfiguration(err.message, "Save the field again with a reference in the active provider's format.").toJSON(),
      });
    }
  }

  // The reference policy, before any provider call: one refused reference and nothing is fetched at all.
  const refused = templates.flatMap((t) => policyRefusals(connection, t.name, t.refs));
  if (refused.length > 0) return { values, references: [...references, ...refused], ok: false, degraded: false };

  let degraded = false;
  if (templates.length > 0 && connection.active) {
    const started = performance.now();
    const handle = await providerHandle(connection.active.id, connection.active.revision);
    const outcomes = await resolveThroughCache(
      handle,
      templates.flatMap((t) => t.refs),
      connection.cachePolicy,
      options,
    );
    const ms = Math.round(performance.now() - started);
    for (const t of templates) {
      const selected = new Map<SecretRef, string>();
      for (const ref of t.refs) {
        const outcome = outcomes.get(secretVersionKey(ref))!;
        const reference = formatReference(ref);
        if (!outcome.ok) {
          references.push({ field: t.name, reference, ok: false, ms, error: outcome.error.forReference(reference).toJSON() });
          continue;
        }
        try {
          selected.set(ref, selectValue(ref, outcome.payload));
          degraded ||= outcome.source === "stale";
          references.push({ field: t.name, reference, ok: true, source: outcome.source, ms });
        } catch (err) {
          if (!isSecretsError(err)) throw err;
          references.push({ field: t.name, reference, ok: false, ms, error: (err as SecretsError).forReference(reference).toJSON() });
        }
      }
      if (selected.size === t.refs.length) values[t.name] = renderTemplate(t.parts, (ref) => selected.get(ref)!);
    }
  }
  return { values, references, ok: references.every((r) => r.ok), degraded };
}

/** The reference texts in a template, for reporting when it cannot be parsed for the active provider. */
function rawReferences(template: string): string[] {
  return template.match(/\{\{workato:sm:[^}]*\}\}/g) ?? [template.slice(0, 200)];
}
