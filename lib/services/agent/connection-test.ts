import "server-only";
// "Test connection" for a connection whose type is an on-prem group (docs/agent.md). With a connection profile
// the console sends only the profile's name: the agent resolves its `{ secret }` fields from its own secrets
// manager and returns the report, so those values never reach the console. With fields as today the console
// resolves them as for the cloud (the same binding and reference-policy checks) and the agent only connects;
// the console's egress policy does not apply to the agent's network, which is the customer's.
import type { ProjectActor } from "@/lib/auth/actor";
import { connectionProfileOf, onPremGroupOf } from "@/lib/connections/destination";
import type { TargetReport } from "@/lib/connections/testers/types";
import type { ConnectionForUse } from "@/lib/data/connections";
import { findOnPremGroup } from "@/lib/data/onprem-groups";
import { AppError } from "@/lib/errors";
import { resolveCredentials } from "@/lib/services/secrets/resolve-credentials";
import type { ConnectionTestReport } from "@/lib/views/connections";
import { runAgentJob } from "./dispatch";

const AGENT_TEST_TIMEOUT_MS = 15_000;

type Partial = Omit<ConnectionTestReport, "totalMs" | "testedAt">;

export async function runAgentConnectionTest(actor: ProjectActor, connection: ConnectionForUse, refused: string | null): Promise<Partial> {
  const groupId = onPremGroupOf(connection.settings)!;
  const group = await findOnPremGroup(connection.workspaceId, groupId);
  const profile = connectionProfileOf(connection.settings);
  const failed = (message: string, references: Partial["references"] = []): Partial => ({
    ok: false,
    degraded: false,
    references,
    target: { ok: false, ms: 0, message },
    agent: { group: group.name, steps: [] },
  });
  if (refused) return failed(refused);
  let payload: unknown;
  let resolved: Awaited<ReturnType<typeof resolveCredentials>> | null = null;
  if (profile) {
    payload = { mode: "profile", type: connection.type, profile };
  } else {
    resolved = await resolveCredentials(connection, { priority: "interactive" });
    if (!resolved.ok) return { ok: false, degraded: resolved.degraded, references: resolved.references, target: null, agent: { group: group.name, steps: [] } };
    const { onPremGroupId: _g, profile: _p, ...settings } = connection.settings;
    payload = { mode: "fields", type: connection.type, settings, values: resolved.values };
  }
  try {
    const result = await runAgentJob({
      workspaceId: connection.workspaceId,
      groupId,
      kind: "connection.test",
      payload,
      timeoutMs: AGENT_TEST_TIMEOUT_MS,
      actorLabel: actor.email,
      actorUserId: actor.apiTokenId ? null : actor.userId,
      projectId: connection.projectId,
      detail: { connection: connection.id, mode: profile ? "profile" : "fields", ...(profile ? { profile } : {}) },
    });
    // The agent already scrubbed what it resolved; the console scrubs what it sent, as a second guard.
    const sent = Object.values(resolved?.values ?? {});
    const scrub = (m: string) => sent.reduce<string>((out, v) => (v && v.length >= 4 ? out.split(v).join("[redacted]") : out), m);
    const target: TargetReport = { ok: result.ok, ms: result.ms, message: scrub(result.message) };
    return {
      ok: result.ok,
      degraded: resolved?.degraded ?? false,
      references: resolved?.references ?? [],
      target,
      agent: { group: group.name, steps: result.steps.map((s) => ({ ...s, message: scrub(s.message) })) },
    };
  } catch (err) {
    if (err instanceof AppError && err.code === "AGENT_UNAVAILABLE") return failed(err.message, resolved?.references ?? []);
    throw err;
  }
}
