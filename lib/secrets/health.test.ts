import { describe, expect, it } from "vitest";
import { healthFlags, type HealthThresholds } from "./health";
import type { SecretMetadata } from "./metadata";
import { decidePoll, minPollIntervalMs, pendingSince } from "./rotation";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const T: HealthThresholds = { expiryWarnDays: 14, rotationStaleDays: 90 };
const iso = (offsetDays: number) => new Date(NOW + offsetDays * DAY).toISOString();
const kinds = (meta: SecretMetadata | undefined, extra: Partial<Parameters<typeof healthFlags>[1]> = {}) =>
  healthFlags(meta, { now: NOW, thresholds: T, ...extra }).map((f) => f.kind);
const fresh: SecretMetadata = { exists: true, version: "v1", lastChangedAt: iso(-1) };

describe("health flags", () => {
  it("a fresh, enabled secret has none", () => expect(kinds(fresh)).toEqual([]));
  it("missing", () => expect(kinds({ exists: false })).toEqual(["missing"]));
  it("expires within the warning window, with the days in words", () => {
    const flags = healthFlags({ ...fresh, expiresAt: iso(3) }, { now: NOW, thresholds: T });
    expect(flags).toEqual([{ kind: "expires_soon", severity: "warning", text: "expires in 3 days", at: iso(3) }]);
    expect(kinds({ ...fresh, expiresAt: iso(15) })).toEqual([]);
    expect(kinds({ ...fresh, expiresAt: iso(15) }, { thresholds: { ...T, expiryWarnDays: 30 } })).toEqual(["expires_soon"]);
    expect(kinds({ ...fresh, expiresAt: iso(-1) })).toEqual(["expired"]);
  });
  it("not rotated past the workspace threshold (last rotation, else last change)", () => {
    expect(kinds({ ...fresh, lastChangedAt: iso(-91) })).toEqual(["not_rotated"]);
    expect(kinds({ ...fresh, lastChangedAt: iso(-91), lastRotatedAt: iso(-10) })).toEqual([]);
    expect(kinds({ ...fresh, lastChangedAt: iso(-91) }, { thresholds: { ...T, rotationStaleDays: 120 } })).toEqual([]);
  });
  it("rotation failing: AWSPENDING longer than the window, or a next rotation date in the past", () => {
    expect(kinds({ ...fresh, pendingVersion: "p" }, { pendingSince: NOW - 2 * DAY })).toEqual(["rotation_failing"]);
    expect(kinds({ ...fresh, pendingVersion: "p" }, { pendingSince: NOW - 60_000 })).toEqual([]);
    expect(kinds({ ...fresh, rotationEnabled: true, nextRotationAt: iso(-2) })).toEqual(["rotation_failing"]);
    expect(kinds({ ...fresh, rotationEnabled: true, nextRotationAt: iso(2) })).toEqual([]);
  });
  it("disabled, destroyed, deletion scheduled, untracked and tracking denied", () => {
    expect(kinds({ ...fresh, enabled: false })).toEqual(["disabled"]);
    expect(kinds({ ...fresh, destroyed: true, deletionAt: iso(-1) })).toEqual(["destroyed"]);
    expect(healthFlags({ ...fresh, deletionAt: iso(7) }, { now: NOW, thresholds: T })[0]?.text).toBe("is scheduled for deletion in 7 days");
    expect(kinds({ exists: true, untracked: "kv_v1" })).toEqual(["untracked"]);
    expect(kinds(fresh, { trackingDenied: "secretsmanager:DescribeSecret" })).toEqual(["metadata_denied"]);
  });
});

describe("decidePoll", () => {
  const report = (entries: Array<[string, SecretMetadata | "denied" | "down"]>) => ({
    strategy: "describe",
    calls: {},
    results: new Map(
      entries.map(([k, v]) => [
        k,
        v === "denied"
          ? { ok: false as const, error: { category: "authorization", code: "aws_access_denied" } as never }
          : v === "down"
            ? { ok: false as const, error: { category: "unavailable", code: "unavailable" } as never }
            : { ok: true as const, metadata: v },
      ]),
    ),
  });
  it("a moved version is a change; the first sight is the baseline", () => {
    const previous = new Map([["a", { exists: true, version: "1" }]]);
    const d = decidePoll(
      previous,
      report([
        ["a", { exists: true, version: "2" }],
        ["b", { exists: true, version: "9" }],
      ]),
    );
    expect(d).toEqual({ changed: ["a"], missing: [], failed: 0 });
  });
  it("missing once, denial turns tracking off and drops nothing, an outage changes nothing", () => {
    const previous = new Map<string, SecretMetadata>([
      ["gone-before", { exists: false }],
      ["a", { exists: true, version: "1" }],
    ]);
    const d = decidePoll(
      previous,
      report([
        ["new-missing", { exists: false }],
        ["gone-before", { exists: false }],
        ["a", "denied"],
        ["c", "down"],
      ]),
    );
    expect(d.missing).toEqual(["new-missing"]);
    expect(d.changed).toEqual([]);
    expect(d.denied?.category).toBe("authorization");
    expect(d.failed).toBe(1);
  });
  it("pendingSince keeps the first sighting of the same pending version", () => {
    expect(pendingSince({ pendingVersion: "p" }, 5, { exists: true, pendingVersion: "p" }, 9)).toBe(5);
    expect(pendingSince({ pendingVersion: "p" }, 5, { exists: true, pendingVersion: "q" }, 9)).toBe(9);
    expect(pendingSince({ pendingVersion: "p" }, 5, { exists: true }, 9)).toBeUndefined();
  });
});

describe("minPollIntervalMs", () => {
  it("stretches Google's interval to half its 600 reads/minute quota; others are not limited", () => {
    expect(minPollIntervalMs("gcp", 299)).toBe(60_000);
    expect(minPollIntervalMs("gcp", 1_000)).toBe(200_200);
    expect(minPollIntervalMs("aws", 100_000)).toBe(0);
  });
});
