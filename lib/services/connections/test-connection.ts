import "server-only";
// "Test connection": resolve every reference through the connection's active configuration, then connect
// to the real target. The report shows each step with timings and never a value: as a last guard, any
// resolved value that a target echoes in an error is scrubbed from the report.
import type { ProjectActor } from "@/lib/auth/actor";
import { loadConnectionForUse, recordConnectionTest, type ConnectionForUse } from "@/lib/data/connections";
import { destinationKeyOf, onPremGroupOf } from "@/lib/connections/destination";
import { runAgentConnectionTest } from "@/lib/services/agent/connection-test";
import { resolveCredentials } from "@/lib/services/secrets/resolve-credentials";
import { EgressRefused } from "@/lib/connections/egress";
import { PemError } from "@/lib/connections/pem";
import { testHttpsCertificate } from "@/lib/connections/testers/https-cert";
import { testHttp } from "@/lib/connections/testers/http";
import { testPostgres } from "@/lib/connections/testers/postgres";
import type { TargetReport, Tester } from "@/lib/connections/testers/types";
import type { ConnectionType } from "@/lib/connections/types";
import type { ConnectionTestReport } from "@/lib/views/connections";
import { recordConnectionCheck } from "@/lib/metrics/record";

const TESTERS: Record<ConnectionType, Tester> = { postgres: testPostgres, http: testHttp, https_cert: testHttpsCertificate };
const TARGET_TIMEOUT_MS = 10_000;

/** `kind` names it for the metrics: a test of its own, or the one a refresh ends with. */
export async function runConnectionTest(actor: ProjectActor, connectionId: number, kind: "test" | "refresh" = "test"): Promise<ConnectionTestReport> {
  const started = performance.now();
  const connection = await loadConnectionForUse(actor, connectionId);
  const refused = bindingRefusal(connection);
  if (onPremGroupOf(connection.settings) !== null) {
    const onAgent = await runAgentConnectionTest(actor, connection, refused);
    return finish(actor, connectionId, kind, { ...onAgent, totalMs: Math.round(performance.now() - started), testedAt: new Date().toISOString() });
  }
  // A user (or the refresh API's caller) waits on this test: its reads go ahead of any background burst.
  const resolved = refused ? { ok: false, degraded: false, references: [], values: {} } : await resolveCredentials(connection, { priority: "interactive" });
  let target: TargetReport | null = refused ? { ok: false, ms: 0, message: refused } : null;
  if (resolved.ok) {
    try {
      target = await TESTERS[connection.type]({
        settings: connection.settings,
        values: resolved.values,
        egress: connection.egress,
        timeoutMs: TARGET_TIMEOUT_MS,
      });
    } catch (err) {
      // A resolved PEM field that is not PEM (a reference's value, checked only now) is the admin's to fix: a
      // recorded failed test naming the field, not a 500.
      if (!(err instanceof EgressRefused) && !(err instanceof PemError) && !(err instanceof Error && /ENOTFOUND|did not resolve/.test(err.message))) throw err;
      target = { ok: false, ms: 0, message: err.message };
    }
    target = { ...target, message: scrub(target.message, Object.values(resolved.values)) };
  }
  return finish(actor, connectionId, kind, {
    ok: resolved.ok && target?.ok === true,
    degraded: resolved.degraded,
    references: resolved.references,
    target,
    totalMs: Math.round(performance.now() - started),
    testedAt: new Date().toISOString(),
  });
}

async function finish(actor: ProjectActor, connectionId: number, kind: "test" | "refresh", report: ConnectionTestReport): Promise<ConnectionTestReport> {
  const target = report.target;
  recordConnectionCheck(actor.workspaceId, kind, report.ok ? (report.degraded ? "degraded" : "ok") : "failed");
  await recordConnectionTest(actor, connectionId, {
    ok: report.ok,
    degraded: report.degraded,
    summary: summarize(report),
    detail: {
      ok: report.ok,
      references: report.references.map((r) => ({ field: r.field, reference: r.reference, ok: r.ok, code: r.error?.code ?? null })),
      target: target ? { ok: target.ok } : null,
      ...(report.agent ? { agentGroup: report.agent.group } : {}),
    },
  });
  return report;
}

/**
 * Defence in depth for destination binding (docs/threat-model.md, threat 1): the save path already refuses a
 * move that keeps credentials, so a mismatch here means settings changed some other way. Nothing is resolved
 * or sent; the message names both destinations (not secret).
 */
export function bindingRefusal(connection: Pick<ConnectionForUse, "type" | "settings" | "fields">): string | null {
  const current = destinationKeyOf(connection.type, connection.settings);
  const moved = connection.fields.find((f) => f.destination !== current);
  if (!moved) return null;
  return `Not sent: the stored credentials were entered for ${moved.destination || "another address"}, and this connection now points to ${current || "no valid address"}. Re-enter them, or ask a project admin to confirm the move.`;
}

function summarize(report: ConnectionTestReport): string {
  const failed = report.references.find((r) => !r.ok);
  if (failed) return `${failed.field}: ${failed.error?.message ?? "reference failed"}`;
  return report.target?.message ?? "";
}

/** Replaces any resolved value (of a useful length) that appears in a target's message. */
export function scrub(message: string, values: readonly (string | undefined)[]): string {
  let out = message;
  for (const v of values) if (v && v.length >= 4) out = out.split(v).join("[redacted]");
  return out;
}
