import { redirect } from "next/navigation";

export default async function ProjectIndex({ params }: { params: Promise<{ workspaceId: string; projectId: string }> }) {
  const { workspaceId, projectId } = await params;
  redirect(`/w/${encodeURIComponent(workspaceId)}/p/${encodeURIComponent(projectId)}/connections`);
}
