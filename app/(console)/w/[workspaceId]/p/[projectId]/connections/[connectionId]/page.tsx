import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { TYPE_LABELS } from "@/lib/connections/types";
import { Alert } from "@/components/ui/alert";
import { ConnectionDetails } from "@/components/connections/connection-details";
import { ConnectionStatus } from "@/components/connections/connection-status";
import { DeleteConnectionButton } from "@/components/connections/delete-connection-button";
import { TestConnectionPanel } from "@/components/connections/test-connection-panel";
import { deleteConnectionAndLeaveAction } from "../_lib/actions";
import { loadConnection } from "../_lib/load";
import { SecretFlags } from "@/components/secrets/secret-flags";
import { connectionSecretFlags } from "@/lib/data/secret-health";

export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; projectId: string; connectionId: string }>;
  searchParams: Promise<{ created?: string; saved?: string }>;
}) {
  const { workspaceId, projectId, connectionId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const connection = await loadConnection(actor, connectionId);
  const sp = await searchParams;
  const canEdit = hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit");
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/connections`;
  const scopeChanged = connection.fields.some((f) => f.scopeChanged);
  const flags = (await connectionSecretFlags(actor, [connection.id])).get(connection.id);
  return (
    <>
      <div className="conn-back">
        <Link href={base}>← Connections</Link>
      </div>
      <div className="conn-header">
        <div>
          <h2 className="conn-title">{connection.name}</h2>
          <div className="row conn-subtitle">
            <span className="muted">{TYPE_LABELS[connection.type]}</span>
            <ConnectionStatus
              lastTestAt={connection.lastTestAt}
              lastTestOk={connection.lastTestOk}
              degraded={connection.degraded}
              scopeChanged={scopeChanged}
            />
          </div>
          <SecretFlags flags={flags} />
        </div>
        {canEdit && (
          <div className="row">
            <Link className="btn" href={`${base}/${connection.id}/edit`}>
              Edit
            </Link>
            <DeleteConnectionButton
              workspaceId={actor.workspaceId}
              projectId={actor.projectId}
              connectionId={connection.id}
              name={connection.name}
              action={deleteConnectionAndLeaveAction}
            />
          </div>
        )}
      </div>
      {(sp.created === "1" || sp.saved === "1") && (
        <div className="conn-flash">
          <Alert kind="success">
            {sp.created === "1"
              ? "Connection created. Test it to check that the references resolve and the target accepts the credentials."
              : "Connection saved."}
          </Alert>
        </div>
      )}
      {scopeChanged && (
        <div className="conn-flash">
          <Alert kind="warn">
            A secret reference of this connection was saved under a secrets configuration that is no longer active (the scope was switched or the provider
            replaced), so it fails until it is re-pointed{canEdit ? ": edit the connection and save the reference again" : ""}.
          </Alert>
        </div>
      )}
      <TestConnectionPanel
        workspaceId={actor.workspaceId}
        projectId={actor.projectId}
        connectionId={connection.id}
        canTest={canEdit}
        lastTest={{ at: connection.lastTestAt, ok: connection.lastTestOk, summary: connection.lastTestSummary }}
      />
      <ConnectionDetails type={connection.type} settings={connection.settings} fields={connection.fields} />
    </>
  );
}
