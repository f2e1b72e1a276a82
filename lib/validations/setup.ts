import { z } from "zod";
import { passwordProblem } from "@/lib/auth/password-policy";
import { newPasswordSchema } from "./auth";

export const workspaceNameSchema = z.string().trim().min(1, "Enter a workspace name.").max(80, "Use at most 80 characters.");

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });

export const setupSchema = z
  .object({
    token: z.string().trim().min(1, "Paste the setup token from the server log.").max(200, "That is not a setup token."),
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email: z
      .email("Enter a valid email address.")
      .max(254)
      .transform((v) => v.toLowerCase()),
    password: newPasswordSchema,
    confirmPassword: z.string().max(1024),
    workspaceName: workspaceNameSchema,
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." })
  // The email-name rule needs both fields; the list and pattern rules already ran on the password alone.
  .refine((v) => passwordProblem(v.password, v.email) === null, {
    path: ["password"],
    error: (issue) => passwordProblem((issue.input as { password: string }).password, (issue.input as { email: string }).email) ?? "",
  });

export type SetupInput = z.infer<typeof setupSchema>;
