// Runs one job on the agent: a connection test (by profile, or with the console's fields) or one forwarded
// HTTP request (cloud profiles). The answer is a report or a response, never a value the agent resolved: a
// target that echoes a credential in its error has it replaced before the report leaves.
import type { ConnectionTestResult, HttpForwardResult, JobMessage } from "@/lib/agent/protocol";
import type { EgressPolicy } from "@/lib/connections/egress/modes";
import { testHttpsCertificate } from "@/lib/connections/testers/https-cert";
import { testHttp } from "@/lib/connections/testers/http";
import { testPostgres } from "@/lib/connections/testers/postgres";
import type { Tester } from "@/lib/connections/testers/types";
import type { ConnectionType } from "@/lib/connections/types";
import type { AgentConfig } from "./config";
import { httpForward } from "./forward";
import { resolveProfile } from "./profiles";
import type { SecretReader } from "./secrets";

const TESTERS: Record<ConnectionType, Tester> = { postgres: testPostgres, http: testHttp, https_cert: testHttpsCertificate };
/** The customer's network is theirs to police: the console's egress policy applies on the console only (docs/agent.md). */
const CUSTOMER_NETWORK: EgressPolicy = { mode: "public+private", allowList: ["0.0.0.0/0", "::/0"] };

export interface JobContext {
  config: AgentConfig;
  read: SecretReader | null;
}

export function scrub(text: string, values: readonly (string | undefined)[]): string {
  let out = text;
  for (const v of values) if (v && v.length >= 4) out = out.split(v).join("[redacted]");
  return out;
}

async function connectionTest(job: Extract<JobMessage, { kind: "connection.test" }>, ctx: JobContext): Promise<ConnectionTestResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const p = job.payload;
  const resolved =
    p.mode === "fields"
      ? { type: p.type, settings: p.settings, values: p.values, steps: [], ok: true }
      : await resolveProfile(ctx.config, p.profile, p.type, ctx.read);
  if (!resolved)
    return { ok: false, ms: ms(), message: `This agent has no ${p.type} connection profile named "${p.mode === "profile" ? p.profile : ""}".`, steps: [] };
  if (!resolved.ok) return { ok: false, ms: ms(), message: "A secret of the profile could not be resolved on the agent.", steps: resolved.steps };
  const timeoutMs = Math.max(1_000, Math.min(10_000, job.deadlineAt - Date.now() - 500));
  const values = Object.values(resolved.values);
  try {
    const target = await TESTERS[resolved.type]({ settings: resolved.settings, values: resolved.values, egress: CUSTOMER_NETWORK, timeoutMs });
    return {
      ok: target.ok,
      ms: ms(),
      message: scrub(target.message, values),
      steps: [...resolved.steps, { step: "target", ok: target.ok, ms: target.ms, message: scrub(target.message, values) }],
    };
  } catch (err) {
    const message = scrub(err instanceof Error ? err.message : String(err), values);
    return { ok: false, ms: ms(), message, steps: [...resolved.steps, { step: "target", ok: false, ms: ms(), message }] };
  }
}

/** Forwards one request as it is (forward.ts): no retries (the console owns them), only to allowed origins. */
export function runJob(job: JobMessage, ctx: JobContext): Promise<ConnectionTestResult | HttpForwardResult> {
  return job.kind === "connection.test" ? connectionTest(job, ctx) : httpForward(job, ctx.config.forward.allow);
}
