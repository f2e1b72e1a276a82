import "server-only";
// Where each workflow secret may go (docs/workflows.md "Destinations"), the workflow counterpart of a connection
// field's destination binding: a binding row says "workflow W may send secret S to allowed-host pattern P".
// Mapping a secret (re-entry) binds it to the allowed hosts of the workflows that read it at that moment; a
// project admin's password-confirmed allow-list save binds the secrets that workflow reads to its hosts. Saving a
// definition binds nothing: that is how an editor would otherwise route a secret to another workflow's host.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

type Tx = Prisma.TransactionClient;

function namesOf(secretsRead: Prisma.JsonValue | undefined): string[] {
  return Array.isArray(secretsRead) ? secretsRead.filter((n): n is string => typeof n === "string") : [];
}

/** The project's workflows with the secret names their latest revision reads and their allowed hosts. */
async function workflowsOf(tx: Tx, where: Prisma.WorkflowWhereInput) {
  const rows = await tx.workflow.findMany({
    where,
    select: {
      id: true,
      revision: true,
      allowedHosts: { select: { pattern: true } },
      revisions: { orderBy: { revision: "desc" }, take: 1, select: { secretsRead: true } },
    },
  });
  return rows.map((w) => ({ id: w.id, reads: namesOf(w.revisions[0]?.secretsRead), hosts: w.allowedHosts.map((h) => h.pattern) }));
}

/** Re-entry: the secret is bound to the allowed hosts of the workflows reading it now, and nothing else. */
export async function bindEnteredSecret(tx: Tx, projectId: number, secret: { id: number; name: string }): Promise<void> {
  await tx.workflowSecretBinding.deleteMany({ where: { workflowSecretId: secret.id } });
  const readers = (await workflowsOf(tx, { projectId })).filter((w) => w.reads.includes(secret.name));
  const data = readers.flatMap((w) => w.hosts.map((pattern) => ({ workflowSecretId: secret.id, workflowId: w.id, pattern, how: "entered" })));
  if (data.length > 0) await tx.workflowSecretBinding.createMany({ data });
}

/**
 * A project admin's confirmed allow-list: bindings of removed hosts go, and every secret the workflow reads is
 * bound to every allowed host. Returns the names that gained a binding (for the audit event).
 */
export async function bindConfirmedHosts(tx: Tx, workflow: { id: number; projectId: number }, patterns: readonly string[]): Promise<string[]> {
  await tx.workflowSecretBinding.deleteMany({ where: { workflowId: workflow.id, pattern: { notIn: [...patterns] } } });
  const [self] = await workflowsOf(tx, { id: workflow.id });
  const secrets = await tx.workflowSecret.findMany({
    where: { projectId: workflow.projectId, name: { in: self?.reads ?? [] } },
    select: { id: true, name: true },
  });
  const existing = await tx.workflowSecretBinding.findMany({ where: { workflowId: workflow.id }, select: { workflowSecretId: true, pattern: true } });
  const has = new Set(existing.map((b) => `${b.workflowSecretId} ${b.pattern}`));
  const data = secrets.flatMap((s) =>
    patterns.filter((p) => !has.has(`${s.id} ${p}`)).map((pattern) => ({ workflowSecretId: s.id, workflowId: workflow.id, pattern, how: "confirmed" })),
  );
  if (data.length > 0) await tx.workflowSecretBinding.createMany({ data });
  const bound = new Set(data.map((d) => d.workflowSecretId));
  return secrets
    .filter((s) => bound.has(s.id))
    .map((s) => s.name)
    .sort();
}

/** Secret name → patterns it is bound to for this workflow: what a run checks each secret-bearing request against. */
export async function bindingsForRun(workflowId: number, reader: Pick<Tx, "workflowSecretBinding"> = db): Promise<Map<string, string[]>> {
  const rows = await reader.workflowSecretBinding.findMany({ where: { workflowId }, select: { pattern: true, workflowSecret: { select: { name: true } } } });
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.workflowSecret.name, [...(map.get(r.workflowSecret.name) ?? []), r.pattern]);
  return map;
}
