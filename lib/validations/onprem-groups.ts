import { z } from "zod";
import { dbIdSchema } from "./paging";

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Name the ${what}.`)
    .max(80, "Use at most 80 characters.")
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32), "Use printable characters only.");

export const createOnPremGroupSchema = z.object({ workspaceId: dbIdSchema, name: name("group after the network it reaches") });
export const createAgentKeySchema = z.object({ workspaceId: dbIdSchema, groupId: dbIdSchema, name: name("key after the machine that runs the agent") });
export const revokeAgentKeySchema = z.object({ workspaceId: dbIdSchema, keyId: dbIdSchema });
