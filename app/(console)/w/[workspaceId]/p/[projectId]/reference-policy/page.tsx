import type { Metadata } from "next";
import Link from "next/link";
import { ReferencePolicySection } from "@/components/secrets/reference-policy-section";
import { Alert } from "@/components/ui/alert";
import { pageProject } from "@/lib/auth/page-guard";
import { getActiveReferencePolicy } from "@/lib/data/reference-policy";

export const metadata: Metadata = { title: "Reference policy" };

/**
 * What this project's connections may reference, read-only for every member (editors need to know before they
 * save): the policy of the configuration active for the project. Its admins edit it in Secrets management.
 */
export default async function ReferencePolicyPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  const policy = await getActiveReferencePolicy(actor);
  if (!policy) return <Alert kind="info">No secrets provider is active for this project: connections can only use literal values.</Alert>;
  return (
    <>
      <ReferencePolicySection owner={{ workspaceId: actor.workspaceId, projectId: actor.projectId }} policy={policy} canEdit={false} />
      <p className="small muted">
        <Link href={`/w/${actor.workspaceId}/p/${actor.projectId}/connections`}>Back to connections</Link>
      </p>
    </>
  );
}
