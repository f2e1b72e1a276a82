import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageProject } from "@/lib/auth/page-guard";
import { hasProjectCapability } from "@/lib/auth/roles";
import { DefinitionForm } from "../_components/definition-form";

export const metadata: Metadata = { title: "New workflow" };

const STARTER = `document:
  dsl: '1.0.0'
  namespace: default
  name: my-workflow
  version: '0.1.0'
use:
  secrets: [api-key-secret]
do:
  - callApi:
      call: http
      with:
        method: get
        endpoint: https://api.example.com/items
        headers:
          authorization: Bearer $SECRETS.api-key-secret
`;

export default async function NewWorkflowPage({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  const actor = await pageProject(workspaceId, projectId);
  if (!hasProjectCapability(actor.workspaceRole, actor.projectRole, "project.edit")) notFound();
  return (
    <section className="card" aria-labelledby="new-workflow-heading">
      <h2 id="new-workflow-heading">New workflow</h2>
      <DefinitionForm workspaceId={actor.workspaceId} projectId={actor.projectId} source={STARTER} />
    </section>
  );
}
