// The user list row the users page and its dialogs show. Types only, free of `server-only`.
import type { ProjectRole, WorkspaceRole } from "@/lib/auth/roles";

export interface WorkspaceUserRow {
  id: number;
  email: string;
  name: string;
  active: boolean;
  mustChangePassword: boolean;
  workspaceRole: WorkspaceRole;
  projectRoles: Array<{ projectId: number; projectName: string; role: ProjectRole }>;
}
