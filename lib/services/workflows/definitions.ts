import "server-only";
// Saving a definition: the engine validates it (problems with line and column), a definition reading secrets
// the project has not mapped gets warnings, and each save is a new revision (docs/workflows.md).
import type { ProjectActor } from "@/lib/auth/actor";
import { listWorkflowSecrets } from "@/lib/data/workflow-secrets";
import { saveWorkflowDefinition } from "@/lib/data/workflows";
import { validate, type ValidationProblem } from "@/lib/workflows";

export type SaveDefinitionResult =
  | { ok: true; id: number; namespace: string; name: string; revision: number; warnings: ValidationProblem[] }
  | { ok: false; problems: ValidationProblem[]; converted?: string };

const str = (v: unknown) => (typeof v === "string" ? v : "");

export async function saveDefinition(actor: ProjectActor, source: string): Promise<SaveDefinitionResult> {
  const result = validate(source);
  if (!result.workflow) return { ok: false, problems: result.problems, ...(result.converted ? { converted: result.converted } : {}) };
  const doc = (result.workflow.document ?? {}) as Record<string, unknown>;
  const mapped = new Set((await listWorkflowSecrets(actor)).map((s) => s.name));
  const use = (result.workflow.use ?? {}) as Record<string, unknown>;
  const declared = Array.isArray(use.secrets) ? use.secrets.map(String) : [];
  const warnings = [
    ...result.problems.filter((p) => p.severity === "warning"),
    ...declared
      .filter((n) => !mapped.has(n))
      .map((n) => ({
        severity: "warning" as const,
        message: `The secret ${n} is not defined for this project: map it under Workflow secrets, or runs that read it raise the authorization error.`,
        pointer: "/use/secrets",
        line: 1,
        column: 1,
      })),
  ];
  const saved = await saveWorkflowDefinition(actor, {
    namespace: str(doc.namespace),
    name: str(doc.name),
    version: str(doc.version),
    format: source.trimStart().startsWith("{") ? "json" : "yaml",
    source,
    secretsRead: result.secretsRead,
  });
  return { ok: true, id: saved.id, namespace: str(doc.namespace), name: str(doc.name), revision: saved.revision, warnings };
}
