"use server";
import { revalidatePath } from "next/cache";
import { createAgentKey, createOnPremGroup, revokeAgentKey } from "@/lib/data/onprem-groups";
import { createAgentKeySchema, createOnPremGroupSchema, revokeAgentKeySchema } from "@/lib/validations/onprem-groups";
import { workspaceAction } from "./safe-action";

const page = (workspaceId: number) => `/w/${workspaceId}/settings/onprem-groups`;

export const createOnPremGroupAction = workspaceAction("workspace.admin", {
  input: createOnPremGroupSchema,
  run: async ({ actor, input }) => {
    await createOnPremGroup(actor, input.name);
    revalidatePath(page(actor.workspaceId));
    return { ok: true, message: `Group “${input.name}” created. Create a key for its first agent.` };
  },
});

export const createAgentKeyAction = workspaceAction("workspace.admin", {
  input: createAgentKeySchema,
  invalidMessage: "Unknown on-prem group.",
  run: async ({ actor, input }) => {
    const { key } = await createAgentKey(actor, input.groupId, input.name);
    revalidatePath(page(actor.workspaceId));
    return { ok: true, message: "Agent key created.", data: { key } };
  },
});

export const revokeAgentKeyAction = workspaceAction("workspace.admin", {
  input: revokeAgentKeySchema,
  invalidMessage: "Unknown agent key.",
  run: async ({ actor, input }) => {
    await revokeAgentKey(actor, input.keyId);
    revalidatePath(page(actor.workspaceId));
    return { ok: true, message: "Key revoked. Its agents are disconnected within seconds." };
  },
});
