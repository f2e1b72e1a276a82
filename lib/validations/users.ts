import { z } from "zod";
import { PROJECT_ROLES, WORKSPACE_ROLES } from "@/lib/auth/roles";

export const idField = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

const projectRoleEntry = z.object({ projectId: idField, role: z.enum(PROJECT_ROLES) });
const projectRoleOrNoneEntry = z.object({ projectId: idField, role: z.enum([...PROJECT_ROLES, "none"]) });

/** Form fields named `project:<id>` carry a project role or "none". */
function projectRoleEntries(form: Record<string, unknown>) {
  return Object.entries(form)
    .filter(([k]) => k.startsWith("project:"))
    .map(([k, v]) => ({ projectId: k.slice("project:".length), role: v }));
}

const addUserSchema = z.object({
  email: z
    .email("Enter a valid email address.")
    .max(254)
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(100),
  workspaceRole: z.enum(WORKSPACE_ROLES, "Choose a workspace role."),
});

export function parseAddUser(form: Record<string, unknown>) {
  const base = addUserSchema.safeParse(form);
  if (!base.success) return base;
  try {
    const projectRoles = z.array(projectRoleEntry).parse(projectRoleEntries(form).filter((e) => e.role !== "none"));
    return { success: true as const, data: { ...base.data, projectRoles } };
  } catch (err) {
    return { success: false as const, error: err as z.ZodError };
  }
}

const changeRolesSchema = z.object({
  userId: idField,
  workspaceRole: z.enum(WORKSPACE_ROLES, "Choose a workspace role."),
});

export function parseChangeRoles(form: Record<string, unknown>) {
  const base = changeRolesSchema.safeParse(form);
  if (!base.success) return base;
  try {
    const projectRoles = z.array(projectRoleOrNoneEntry).parse(projectRoleEntries(form));
    return { success: true as const, data: { ...base.data, projectRoles } };
  } catch (err) {
    return { success: false as const, error: err as z.ZodError };
  }
}

export const setActiveSchema = z.object({
  userId: idField,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
