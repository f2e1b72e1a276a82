import "server-only";
// Refresh: drop the cached values of the secrets this connection references (other connections using them
// refetch too), then resolve again and re-test.
import type { ProjectActor } from "@/lib/auth/actor";
import { loadConnectionForUse } from "@/lib/data/connections";
import { recordAudit, auditBy } from "@/lib/data/audit";
import { parseTemplate, ReferenceParseError } from "@/lib/secrets/references";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { dropSecretsOf } from "@/lib/services/secrets/cache-control";
import type { ProviderKind } from "@/lib/secrets/types";
import { runConnectionTest } from "./test-connection";
import type { ConnectionTestReport } from "@/lib/views/connections";

export async function refreshConnection(actor: ProjectActor, connectionId: number): Promise<{ report: ConnectionTestReport; dropped: number }> {
  const connection = await loadConnectionForUse(actor, connectionId);
  let dropped = 0;
  if (connection.active) {
    const keys = connection.fields.flatMap((f) => {
      if (f.mode !== "template") return [];
      try {
        return parseTemplate(f.template, connection.active!.kind as ProviderKind).refs.map(secretVersionKey);
      } catch (err) {
        if (err instanceof ReferenceParseError) return [];
        throw err;
      }
    });
    dropped = await dropSecretsOf(connection.active.id, keys);
  }
  await recordAudit({
    ...auditBy(actor),
    projectId: actor.projectId,
    action: "connection.refreshed",
    targetType: "connection",
    targetId: connectionId,
    detail: { entriesDropped: dropped },
  });
  return { report: await runConnectionTest(actor, connectionId, "refresh"), dropped };
}
