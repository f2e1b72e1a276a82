import "server-only";
// Runs one job on an agent of a group and waits for its one result (docs/agent.md). No agent connected is an
// immediate error naming the group; an agent that takes the job but does not acknowledge it within
// ACK_TIMEOUT_MS loses it to another connected agent, once; otherwise the job fails with a clear error by its
// deadline. The waiter is woken by the agent bus (LISTEN/NOTIFY across instances) and re-reads on a short
// timer, so a lost notification costs latency only.
import { ACK_HARD_TIMEOUT_MS, ACK_TIMEOUT_MS, AGENT_STALE_MS, RESULT_SCHEMAS, type JobKind, type JobResult } from "@/lib/agent/protocol";
import { type AgentMessageWatch, listenForAgentMessages, publishAgentMessage, watchAgentMessages } from "@/lib/data/agent-bus";
import { createAgentJob, failAgentJob, readAgentJob, requeueAgentJob, takeAgentJobResult, type AgentJobState } from "@/lib/data/agent-jobs";
import { connectedAgentIds } from "@/lib/data/agent-sessions";
import { findOnPremGroup } from "@/lib/data/onprem-groups";
import { AppError } from "@/lib/errors";

// The bus wakes waiters; the timer is a safety net, kept slow so that a burst of waiters does not load the database.
const RECHECK_MS = 1_000;

export interface AgentJobRequest<K extends JobKind> {
  workspaceId: number;
  groupId: number;
  kind: K;
  payload: unknown;
  timeoutMs: number;
  actorLabel: string;
  actorUserId?: number | null;
  projectId?: number | null;
  detail: Record<string, string | number | boolean | null>;
}

export async function runAgentJob<K extends JobKind>(request: AgentJobRequest<K>): Promise<JobResult<K>> {
  // The group is checked to belong to the workspace before its agents are trusted with anything.
  const [group, connected] = await Promise.all([
    findOnPremGroup(request.workspaceId, request.groupId),
    connectedAgentIds(request.groupId),
    listenForAgentMessages(),
  ]);
  if (connected.length === 0) throw noAgent(group.name);
  const deadline = Date.now() + request.timeoutMs;
  const id = await createAgentJob({ ...request, deadlineAt: new Date(deadline) });
  // Watching starts before the job is announced: a change that lands while the job is being read wakes the next wait.
  const changes = watchAgentMessages((m) => m.type === "job_changed" && m.jobId === id);
  try {
    await publishAgentMessage({ type: "job_queued", groupId: group.id });
    return await awaitResult(request, id, group, deadline, changes);
  } finally {
    changes.close();
  }
}

async function awaitResult<K extends JobKind>(
  request: AgentJobRequest<K>,
  id: string,
  group: { name: string },
  deadline: number,
  changes: AgentMessageWatch,
): Promise<JobResult<K>> {
  // Just created, with an agent connected: nothing to read until the job changes or the re-check is due.
  await changes.next(Math.min(RECHECK_MS, deadline - Date.now()));
  for (;;) {
    const job = await readAgentJob(id);
    if (job.status === "done") return RESULT_SCHEMAS[request.kind].parse(await takeAgentJobResult(job)) as JobResult<K>;
    if (job.status === "failed") throw new AppError("AGENT_UNAVAILABLE", job.error ?? `The job on on-prem group "${group.name}" failed.`);
    const verdict =
      Date.now() >= deadline ? `No answer from on-prem group "${group.name}" within ${Math.round(request.timeoutMs / 1000)} s.` : await stuck(job, group.name);
    if (verdict) {
      if (await failAgentJob(job, verdict)) throw new AppError("AGENT_UNAVAILABLE", verdict);
      continue; // a result won the race: read it
    }
    await changes.next(Math.min(RECHECK_MS, deadline - Date.now()));
  }
}

/** Why a job cannot go on (a message), or null while it may; re-queues a job its agent dropped. */
async function stuck(job: AgentJobState, groupName: string): Promise<string | null> {
  const excluded = job.excludedAgents as string[];
  // Pending after a re-queue: a busy database can delay polls, so "gone" uses twice the usual staleness here.
  if (job.status === "pending") return (await connectedAgentIds(job.groupId, excluded, 2 * AGENT_STALE_MS)).length === 0 ? noAgent(groupName).message : null;
  if (job.status !== "dispatched" || !job.dispatchedAt || !job.agentId) return null;
  // An agent that still polls may just be slow to acknowledge (a burst of jobs): only one that dropped, or one
  // whose acknowledgement is very late (the answer carrying the job was lost), loses the job.
  const waited = Date.now() - job.dispatchedAt.getTime();
  if (waited < ACK_TIMEOUT_MS) return null;
  if (waited < ACK_HARD_TIMEOUT_MS && (await connectedAgentIds(job.groupId)).includes(job.agentId)) return null;
  const others = await connectedAgentIds(job.groupId, [...excluded, job.agentId]);
  if (job.attempts < 2 && others.length > 0) {
    if (await requeueAgentJob({ id: job.id, agentId: job.agentId, excluded })) await publishAgentMessage({ type: "job_queued", groupId: job.groupId });
    return null;
  }
  return `The agent of on-prem group "${groupName}" that took the job dropped before acknowledging it, and no other agent of the group could take it.`;
}

function noAgent(groupName: string): AppError {
  return new AppError("AGENT_UNAVAILABLE", `No agent of on-prem group "${groupName}" is connected. Start one with a key of this group (docs/agent.md).`);
}
