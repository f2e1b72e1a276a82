import { z } from "zod";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

export const signInSchema = z.object({
  email: z
    .email("Enter a valid email address.")
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Use at most 1024 characters.")
  .refine((v) => v.length < MIN_PASSWORD_LENGTH || passwordProblem(v) === null, { error: (issue) => passwordProblem(String(issue.input)) ?? "" });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password different from the current one." });

export const confirmPasswordSchema = z.object({ password: z.string().min(1, "Enter your password.").max(1024) });
