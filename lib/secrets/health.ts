// Secret health flags from metadata alone (docs/rotation.md "Secret health"): missing, deletion scheduled,
// disabled or destroyed version, expired or expiring soon, not rotated for too long, rotation failing, and the
// poll's own state (metadata refused, untracked KV v1). Thresholds are workspace settings. Pure: the health
// page, the connections list, the connection page and the API all call it.
import type { SecretMetadata } from "./metadata";

export type HealthFlagKind =
  | "missing"
  | "deletion_scheduled"
  | "destroyed"
  | "disabled"
  | "expired"
  | "expires_soon"
  | "not_rotated"
  | "rotation_failing"
  | "metadata_denied"
  | "untracked";

export interface HealthFlag {
  kind: HealthFlagKind;
  /** "danger": resolution fails or soon will; "warning": needs attention. */
  severity: "danger" | "warning" | "info";
  /** Completes "the <field> secret …", e.g. "expires in 3 days"; never a value. */
  text: string;
  /** The date the flag is about (expiry, deletion, next rotation), ISO. */
  at?: string;
}

export interface HealthThresholds {
  expiryWarnDays: number;
  rotationStaleDays: number;
  /** How long AWSPENDING may stay before the rotation counts as failing; default 24 h. */
  rotationWindowMs?: number;
}

const DAY = 86_400_000;

export function inDays(iso: string, now: number): string {
  const days = Math.round((Date.parse(iso) - now) / DAY);
  if (days === 0) return "today";
  return days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
}

export function healthFlags(
  meta: SecretMetadata | undefined,
  context: { now: number; thresholds: HealthThresholds; pendingSince?: number; trackingDenied?: string },
): HealthFlag[] {
  const { now, thresholds } = context;
  const flags: HealthFlag[] = [];
  if (context.trackingDenied)
    flags.push({ kind: "metadata_denied", severity: "warning", text: `cannot be tracked for rotation: grant ${context.trackingDenied}` });
  if (!meta) return flags;
  if (!meta.exists) return [...flags, { kind: "missing", severity: "danger", text: "is missing at the provider" }];
  if (meta.untracked)
    flags.push({ kind: "untracked", severity: "info", text: "has no versions (KV v1): a rotation is picked up after Refresh or the cache TTL" });
  if (meta.deletionAt && !meta.destroyed) {
    flags.push({ kind: "deletion_scheduled", severity: "danger", text: `is scheduled for deletion ${inDays(meta.deletionAt, now)}`, at: meta.deletionAt });
  }
  if (meta.destroyed) flags.push({ kind: "destroyed", severity: "danger", text: "has its current version deleted or destroyed" });
  else if (meta.enabled === false) flags.push({ kind: "disabled", severity: "danger", text: "has its current version disabled" });
  if (meta.expiresAt) {
    const left = Date.parse(meta.expiresAt) - now;
    if (left <= 0) flags.push({ kind: "expired", severity: "danger", text: `expired ${inDays(meta.expiresAt, now)}`, at: meta.expiresAt });
    else if (left <= thresholds.expiryWarnDays * DAY)
      flags.push({ kind: "expires_soon", severity: "warning", text: `expires ${inDays(meta.expiresAt, now)}`, at: meta.expiresAt });
  }
  const rotated = meta.lastRotatedAt ?? meta.lastChangedAt;
  if (rotated && now - Date.parse(rotated) > thresholds.rotationStaleDays * DAY) {
    flags.push({ kind: "not_rotated", severity: "warning", text: `has not been rotated for ${Math.floor((now - Date.parse(rotated)) / DAY)} days` });
  }
  const window = thresholds.rotationWindowMs ?? DAY;
  const stuck = context.pendingSince !== undefined && now - context.pendingSince > window;
  const overdue = meta.rotationEnabled === true && meta.nextRotationAt !== undefined && Date.parse(meta.nextRotationAt) < now;
  if (stuck || overdue) {
    const text = stuck
      ? "is failing to rotate: a new version has stayed pending longer than the rotation window"
      : `is overdue for rotation (due ${inDays(meta.nextRotationAt!, now)})`;
    flags.push({ kind: "rotation_failing", severity: "danger", text, ...(overdue ? { at: meta.nextRotationAt } : {}) });
  }
  return flags;
}
