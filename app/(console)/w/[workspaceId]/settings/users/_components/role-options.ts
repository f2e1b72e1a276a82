export const WORKSPACE_ROLE_OPTIONS = [
  { value: "member", label: "Member: sees the projects they belong to" },
  { value: "admin", label: "Admin: manages settings, users and every project" },
  { value: "owner", label: "Owner: admin, and manages owners" },
] as const;

export const PROJECT_ROLE_OPTIONS = [
  { value: "none", label: "No access" },
  { value: "viewer", label: "Viewer" },
  { value: "editor", label: "Editor" },
  { value: "admin", label: "Admin" },
] as const;
