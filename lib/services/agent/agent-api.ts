import "server-only";
// What the agent routes do (docs/agent.md): hello, the long poll, ack, result, bye. The poll claims a job at
// once when one waits, else holds up to POLL_HOLD_MS for a wake-up of its group (or its key's revocation).
import { POLL_HOLD_MS, RESULT_SCHEMAS, type Hello, type JobKind, type JobMessage } from "@/lib/agent/protocol";
import { listenForAgentMessages, publishAgentMessage, watchAgentMessages } from "@/lib/data/agent-bus";
import { ackAgentJob, agentJobKind, claimAgentJobs, completeAgentJob } from "@/lib/data/agent-jobs";
import { closeAgentSession, openAgentSession, touchAgentSession, type AgentIdentity } from "@/lib/data/agent-sessions";
import { AppError } from "@/lib/errors";

/** A burst of jobs reaches an agent in a few polls rather than one poll per job. */
const MAX_JOBS_PER_POLL = 25;

export async function agentHello(agent: AgentIdentity, hello: Hello) {
  const sessionId = await openAgentSession(agent, hello);
  return { sessionId, group: agent.groupName, pollHoldMs: POLL_HOLD_MS };
}

export async function pollAgentJobs(agent: AgentIdentity, sessionId: string, signal?: AbortSignal, holdMs = POLL_HOLD_MS): Promise<JobMessage[]> {
  await listenForAgentMessages();
  await touchAgentSession(agent, sessionId);
  const until = Date.now() + holdMs;
  let revoked = false;
  // Watching starts before the first claim: a job queued while a claim runs wakes the next wait, not the next poll.
  const wakes = watchAgentMessages((m) => {
    if (m.type === "key_revoked" && m.keyId === agent.keyId) revoked = true;
    return revoked || (m.type === "job_queued" && m.groupId === agent.groupId);
  });
  try {
    for (;;) {
      if (revoked) throw new AppError("UNAUTHENTICATED", "This agent key was revoked.");
      const jobs = await claimAgentJobs(agent, sessionId, MAX_JOBS_PER_POLL);
      // No wake-up for the waiters: a claim changes nothing they act on before their re-check (docs/agent.md).
      if (jobs.length > 0) return jobs;
      const remaining = until - Date.now();
      if (remaining <= 0 || signal?.aborted || !(await wakes.next(remaining, signal))) break;
    }
  } finally {
    wakes.close();
  }
  await touchAgentSession(agent, sessionId);
  return [];
}

export async function acknowledgeAgentJob(agent: AgentIdentity, sessionId: string, jobId: string): Promise<void> {
  await ackAgentJob(agent, sessionId, jobId);
  await touchAgentSession(agent, sessionId).catch(() => undefined); // a busy agent is a live one
  await publishAgentMessage({ type: "job_changed", jobId });
}

/** `claimedKind` (sent by the agent) saves reading the job's kind; the update below requires it to be true. */
export async function submitAgentResult(agent: AgentIdentity, sessionId: string, jobId: string, raw: unknown, claimedKind?: JobKind): Promise<void> {
  const kind = claimedKind ?? (await agentJobKind(agent, jobId));
  const parsed = RESULT_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", `The result does not match a ${kind} job's result.`);
  const ok = "ok" in parsed.data ? parsed.data.ok : !("error" in parsed.data);
  await completeAgentJob(agent, sessionId, { id: jobId, kind }, parsed.data, ok);
  await publishAgentMessage({ type: "job_changed", jobId });
}

export async function agentBye(agent: AgentIdentity, sessionId: string): Promise<void> {
  await closeAgentSession(agent, sessionId);
}
