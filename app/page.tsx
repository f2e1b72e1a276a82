import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/current-user";
import { firstWorkspaceIdFor } from "@/lib/data/access";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect("/account/password");
  const workspaceId = await firstWorkspaceIdFor(user.userId);
  if (workspaceId === null) redirect("/account/password?noWorkspace=1");
  const { passwordChanged } = await searchParams;
  redirect(`/w/${workspaceId}${passwordChanged ? "?passwordChanged=1" : ""}`);
}
