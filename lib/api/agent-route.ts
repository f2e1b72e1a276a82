import "server-only";
// Shared by the agent routes (docs/agent.md): the agent key as a bearer token, the session id in the body or
// query, the job id in the path. A wrong, unknown or revoked key is 401 and nothing else is said.
import { z } from "zod";
import { authenticateAgentKey, type AgentIdentity } from "@/lib/data/agent-sessions";
import { AppError } from "@/lib/errors";
import type { Authenticate } from "./route";

export const agentKey: Authenticate<AgentIdentity> = async (request) => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  const identity = match ? await authenticateAgentKey(match[1]!) : null;
  if (!identity) throw new AppError("UNAUTHENTICATED", "A valid, unrevoked agent key is required (Authorization: Bearer <agent key>).");
  return identity;
};

export const jobParams = z.object({ jobId: z.uuid() });
export const sessionQuery = z.object({ sessionId: z.uuid() });

export const noContent = () => new Response(null, { status: 204 });
