// Rotation schedules, rotations (finished or stuck in AWSPENDING) and scheduled deletion, as Secrets Manager
// keeps them: DescribeSecret reports RotationEnabled, LastRotatedDate, NextRotationDate and DeletedDate; a
// rotation moves AWSCURRENT to the new version only when its last step (finishSecret) succeeds; a secret
// scheduled for deletion cannot be read (InvalidRequestException) and ListSecrets hides it unless asked with
// IncludePlannedDeletion. Times are epoch ms; the reference reports epoch seconds.
import { randomUUID } from "node:crypto";
import type { SecretRecord } from "./state";

const DAY_MS = 86_400_000;

export type AwsRotationMutation =
  /** RotateSecret's schedule: `everyDays` (1–1000); `nextRotationDate` (ISO) overrides the computed date. */
  | { op: "setRotation"; name: string; enabled: boolean; everyDays?: number; nextRotationDate?: string; lastRotatedDate?: string }
  /** A rotation run: a new version gets AWSPENDING; `finish` (default true) moves AWSCURRENT to it. */
  | { op: "rotateSecret"; name: string; secretString: string; finish?: boolean }
  /** DeleteSecret with a RecoveryWindowInDays (7–30, default 30). */
  | { op: "scheduleDeletion"; name: string; recoveryDays?: number }
  | { op: "restoreSecret"; name: string };

export const ROTATION_OPS = ["setRotation", "rotateSecret", "scheduleDeletion", "restoreSecret"] as const;

export function applyRotationMutation(secret: SecretRecord, m: AwsRotationMutation, now = Date.now()): void {
  switch (m.op) {
    case "setRotation": {
      const days = m.everyDays ?? secret.rotationDays ?? 30;
      if (!Number.isInteger(days) || days < 1 || days > 1000) throw new Error("setRotation: everyDays must be 1..1000");
      secret.rotationEnabled = m.enabled;
      secret.rotationDays = days;
      if (m.lastRotatedDate) secret.lastRotatedDate = isoMs(m.lastRotatedDate);
      secret.nextRotationDate = !m.enabled ? undefined : m.nextRotationDate ? isoMs(m.nextRotationDate) : (secret.lastRotatedDate ?? now) + days * DAY_MS;
      secret.lastChangedDate = now;
      return;
    }
    case "rotateSecret":
      return rotate(secret, m.secretString, m.finish ?? true, now);
    case "scheduleDeletion": {
      const days = m.recoveryDays ?? 30;
      if (!Number.isInteger(days) || days < 7 || days > 30) throw new Error("scheduleDeletion: recoveryDays must be 7..30");
      secret.deletedDate = now + days * DAY_MS;
      secret.lastChangedDate = now;
      return;
    }
    case "restoreSecret":
      secret.deletedDate = undefined;
      secret.lastChangedDate = now;
      return;
  }
}

function rotate(secret: SecretRecord, secretString: string, finish: boolean, now: number): void {
  if (secret.deletedDate !== undefined) throw new Error("rotateSecret: the secret is scheduled for deletion");
  // createSecret step: a new version labelled AWSPENDING (a previous stuck AWSPENDING loses its label).
  for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== "AWSPENDING");
  secret.versions = secret.versions.filter((v) => v.stages.length > 0);
  const pending = { versionId: randomUUID(), stages: ["AWSPENDING"], secretString, createdDate: now };
  secret.versions.push(pending);
  secret.lastChangedDate = now;
  if (!finish) return; // setSecret/testSecret failed: AWSPENDING stays, AWSCURRENT is unchanged
  for (const v of secret.versions) {
    v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
    if (v.stages.includes("AWSCURRENT")) v.stages = [...v.stages.filter((s) => s !== "AWSCURRENT"), "AWSPREVIOUS"];
  }
  pending.stages = ["AWSCURRENT"];
  secret.versions = secret.versions.filter((v) => v.stages.length > 0);
  secret.lastRotatedDate = now;
  if (secret.rotationEnabled) secret.nextRotationDate = now + (secret.rotationDays ?? 30) * DAY_MS;
}

function isoMs(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not an ISO date: ${iso}`);
  return ms;
}

/** DescribeSecret's rotation and deletion fields, in the reference's epoch seconds; absent fields omitted. */
export function rotationFields(secret: SecretRecord): Record<string, unknown> {
  return {
    ...(secret.rotationEnabled !== undefined ? { RotationEnabled: secret.rotationEnabled } : {}),
    ...(secret.rotationEnabled ? { RotationRules: { AutomaticallyAfterDays: secret.rotationDays ?? 30 } } : {}),
    ...(secret.lastRotatedDate !== undefined ? { LastRotatedDate: secret.lastRotatedDate / 1000 } : {}),
    ...(secret.nextRotationDate !== undefined ? { NextRotationDate: secret.nextRotationDate / 1000 } : {}),
    ...(secret.deletedDate !== undefined ? { DeletedDate: secret.deletedDate / 1000 } : {}),
  };
}
