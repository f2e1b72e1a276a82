import "server-only";
// Pages turn authorization failures into navigation: sign-in, 404 or 403. (The console layout's redirect is
// UX only; every page calls one of these itself.)
import { forbidden, notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import type { ProjectCapability, WorkspaceCapability } from "./roles";
import { requireProject, requireWorkspace } from "./authorize";

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === "UNAUTHENTICATED") redirect("/login");
    if (err.code === "PASSWORD_CHANGE_REQUIRED") redirect("/account/password");
    if (err.code === "FORBIDDEN") forbidden();
    notFound();
  }
}

export const pageWorkspace = (workspaceId: string, need: WorkspaceCapability = "workspace.view") => guard(() => requireWorkspace(workspaceId, need));
export const pageProject = (workspaceId: string, projectId: string, need: ProjectCapability = "project.view") =>
  guard(() => requireProject(workspaceId, projectId, need));
