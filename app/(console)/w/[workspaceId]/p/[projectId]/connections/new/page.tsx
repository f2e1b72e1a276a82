import type { Metadata } from "next";
import Link from "next/link";
import { pageProject } from "@/lib/auth/page-guard";
import { ConnectionForm } from "@/components/connections/connection-form";
import { listOnPremGroups } from "@/lib/data/onprem-groups";
import { activeProvider } from "../_lib/load";

export const metadata: Metadata = { title: "New connection" };

export default async function NewConnectionPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId, "project.edit");
  const [provider, onPremGroups] = await Promise.all([activeProvider(actor), listOnPremGroups(actor)]);
  const base = `/w/${actor.workspaceId}/p/${actor.projectId}/connections`;
  return (
    <>
      <div className="conn-back">
        <Link href={base}>← Connections</Link>
      </div>
      <h2 className="conn-title">New connection</h2>
      <ConnectionForm workspaceId={actor.workspaceId} projectId={actor.projectId} provider={provider} onPremGroups={onPremGroups} />
    </>
  );
}
