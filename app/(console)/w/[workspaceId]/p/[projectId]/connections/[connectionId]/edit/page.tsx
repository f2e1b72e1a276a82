import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { ConnectionForm } from "@/components/connections/connection-form";
import { listOnPremGroups } from "@/lib/data/onprem-groups";
import { activeProvider, loadConnection } from "../../_lib/load";

export const metadata: Metadata = { title: "Edit connection" };

export default async function EditConnectionPage({ params }: { params: Promise<{ workspaceId: string; projectId: string; connectionId: string }> }) {
  const { workspaceId, projectId, connectionId } = await params;
  const actor = await pageProject(workspaceId, projectId, "project.edit");
  const [connection, provider, onPremGroups] = await Promise.all([loadConnection(actor, connectionId), activeProvider(actor), listOnPremGroups(actor)]);
  const detail = `/w/${actor.workspaceId}/p/${actor.projectId}/connections/${connection.id}`;
  return (
    <>
      <div className="conn-back">
        <Link href={detail}>← {connection.name}</Link>
      </div>
      <h2 className="conn-title">Edit {connection.name}</h2>
      <ConnectionForm
        workspaceId={actor.workspaceId}
        projectId={actor.projectId}
        provider={provider}
        onPremGroups={onPremGroups}
        canConfirmMove={hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.admin")}
        connection={{ id: connection.id, name: connection.name, type: connection.type, settings: connection.settings, fields: connection.fields }}
      />
    </>
  );
}
