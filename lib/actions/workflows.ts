"use server";
// Workflow actions (docs/workflows.md, docs/roles.md): editors save definitions, map secrets, run and cancel;
// project admins set the hosts a workflow may send secrets to. Viewers only read (pages).
import { revalidatePath } from "next/cache";
import { recentAuthFromPassword } from "@/lib/auth/reauth";
import { assertCurrentPassword } from "@/lib/data/reauthenticate";
import { deleteWorkflowSecret, saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { decideHostProposal, proposeAllowedHost, setAllowedHosts } from "@/lib/data/workflow-hosts";
import { deleteWorkflow } from "@/lib/data/workflows";
import { saveDefinition } from "@/lib/services/workflows/definitions";
import { cancelRun, startRun } from "@/lib/services/workflows/runs";
import {
  allowedHostsSchema,
  decideHostSchema,
  deleteWorkflowSchema,
  proposeHostSchema,
  runIdSchema,
  saveWorkflowSchema,
  startRunSchema,
  workflowSecretSchema,
} from "@/lib/validations/workflows";
import { z } from "zod";
import { CHECK_FIELDS, projectAction } from "./safe-action";

const base = (workspaceId: number, projectId: number) => `/w/${workspaceId}/p/${projectId}/workflows`;

export const saveWorkflowAction = projectAction("project.edit", {
  input: saveWorkflowSchema,
  run: async ({ actor, input }) => {
    const result = await saveDefinition(actor, input.source);
    if (!result.ok) {
      const lines = result.problems.map((p) => `Line ${p.line}, column ${p.column}: ${p.message}`);
      if (result.converted) lines.push(`This is the older form; in DSL 1.0.0 it reads:\n${result.converted}`);
      return { ok: false, message: CHECK_FIELDS, fieldErrors: { source: lines } };
    }
    revalidatePath(base(actor.workspaceId, actor.projectId));
    const warnings = result.warnings.map((w) => `Line ${w.line}, column ${w.column}: ${w.message}`);
    return { ok: true, message: `Saved as revision ${result.revision}.`, data: { workflowId: result.id, revision: result.revision, warnings } };
  },
});

export const startRunAction = projectAction("project.edit", {
  input: startRunSchema,
  run: async ({ actor, input }) => {
    const runId = await startRun(actor, input.workflowId, input.input, input.timeoutSeconds ? input.timeoutSeconds * 1000 : undefined);
    revalidatePath(base(actor.workspaceId, actor.projectId));
    return { ok: true, message: "Run queued.", data: { runId } };
  },
});

export const cancelRunAction = projectAction("project.edit", {
  input: runIdSchema,
  invalidMessage: "Unknown run.",
  run: async ({ actor, input }) => {
    await cancelRun(actor, input.runId);
    revalidatePath(`${base(actor.workspaceId, actor.projectId)}/runs/${input.runId}`);
    return { ok: true, message: "Cancellation requested." };
  },
});

export const saveWorkflowSecretAction = projectAction("project.edit", {
  input: workflowSecretSchema,
  run: async ({ actor, input: { currentPassword, ...secret } }) => {
    await assertCurrentPassword(actor, currentPassword);
    await saveWorkflowSecret(actor, secret);
    revalidatePath(`${base(actor.workspaceId, actor.projectId)}/secrets`);
    return { ok: true, message: `${secret.name} saved.` };
  },
});

export const deleteWorkflowSecretAction = projectAction("project.edit", {
  input: z.object({ name: z.string().min(1).max(100) }),
  invalidMessage: "Unknown secret.",
  run: async ({ actor, input }) => {
    await deleteWorkflowSecret(actor, input.name);
    revalidatePath(`${base(actor.workspaceId, actor.projectId)}/secrets`);
    return { ok: true, message: `${input.name} removed.` };
  },
});

export const setAllowedHostsAction = projectAction("project.admin", {
  input: allowedHostsSchema,
  run: async ({ actor, input }) => {
    await setAllowedHosts(actor, input.workflowId, input.hosts, await recentAuthFromPassword(actor, input.currentPassword));
    revalidatePath(base(actor.workspaceId, actor.projectId));
    return { ok: true, message: "Allowed hosts saved." };
  },
});

export const proposeHostAction = projectAction("project.edit", {
  input: proposeHostSchema,
  run: async ({ actor, input }) => {
    await proposeAllowedHost(actor, input.workflowId, { pattern: input.pattern, reason: input.reason });
    revalidatePath(`${base(actor.workspaceId, actor.projectId)}/${input.workflowId}`);
    return { ok: true, message: `${input.pattern} proposed: a project admin can approve it.` };
  },
});

export const decideHostAction = projectAction("project.admin", {
  input: decideHostSchema,
  invalidMessage: "Unknown proposal.",
  run: async ({ actor, input }) => {
    const approve = input.decision === "approve";
    await decideHostProposal(actor, input.proposalId, approve, approve ? await recentAuthFromPassword(actor, input.currentPassword) : undefined);
    revalidatePath(base(actor.workspaceId, actor.projectId), "layout");
    return { ok: true, message: approve ? "Host approved and added." : "Proposal declined." };
  },
});

export const deleteWorkflowAction = projectAction("project.edit", {
  input: deleteWorkflowSchema,
  invalidMessage: "Unknown workflow.",
  run: async ({ actor, input }) => {
    const { runsDeleted } = await deleteWorkflow(actor, input.workflowId);
    revalidatePath(base(actor.workspaceId, actor.projectId));
    return { ok: true, message: `Workflow deleted with its ${runsDeleted} run${runsDeleted === 1 ? "" : "s"}.` };
  },
});
