// The audit log's hash chain (docs/threat-model.md "Tamper-evident audit"): each event's hash covers its own
// fields and the previous event's hash, per workspace, so editing or deleting a stored event breaks every link
// after it. Canonical JSON (keys sorted at every level) makes the hash independent of how a database returns
// a Json column.
import { createHash } from "node:crypto";

/** prevHash of a chain's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  workspaceId: number;
  chainSeq: number;
  projectId: number | null;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: number | null;
  outcome: string;
  detail: unknown;
  createdAt: Date;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditEventHash(fields: ChainedFields, prevHash: string): string {
  const body = canonicalJson({
    workspaceId: fields.workspaceId,
    chainSeq: fields.chainSeq,
    projectId: fields.projectId,
    actorUserId: fields.actorUserId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    outcome: fields.outcome,
    detail: fields.detail,
    createdAt: fields.createdAt.toISOString(),
    prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}
