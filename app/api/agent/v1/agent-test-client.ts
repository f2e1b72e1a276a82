// Test support: an agent speaking to the agent route handlers in this process, as the real agent does over
// HTTP (tests only; the agent process lives in agent/).
import type { JobMessage } from "@/lib/agent/protocol";
import { POST as bye } from "./bye/route";
import { POST as hello } from "./hello/route";
import { POST as ack } from "./jobs/[jobId]/ack/route";
import { POST as result } from "./jobs/[jobId]/result/route";
import { GET as poll } from "./jobs/route";

const BASE = "http://console.test/api/agent/v1";

function request(url: string, key: string, body?: unknown): Request {
  return new Request(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const params = (p: Record<string, string> = {}) => ({ params: Promise.resolve(p) });

export function testAgent(key: string, host = "agent-1.internal") {
  let sessionId = "";
  return {
    get sessionId() {
      return sessionId;
    },
    async hello(profiles: Array<{ name: string; kind: "postgres" | "http"; version: string }> = []): Promise<Response> {
      const res = await hello(request(`${BASE}/hello`, key, { host, version: "0.1.0", profiles }), params());
      if (res.ok) sessionId = ((await res.clone().json()) as { sessionId: string }).sessionId;
      return res;
    },
    poll: () => poll(request(`${BASE}/jobs?sessionId=${sessionId}`, key), params()),
    async pollJobs(): Promise<JobMessage[]> {
      const res = await poll(request(`${BASE}/jobs?sessionId=${sessionId}`, key), params());
      if (!res.ok) throw new Error(`poll answered ${res.status}`);
      return ((await res.json()) as { jobs: JobMessage[] }).jobs;
    },
    ack: (jobId: string) => ack(request(`${BASE}/jobs/${jobId}/ack`, key, { sessionId }), params({ jobId })),
    /** `kind` as the real agent sends it; without it, as an older agent does. */
    result: (jobId: string, value: unknown, kind?: string) =>
      result(request(`${BASE}/jobs/${jobId}/result`, key, { sessionId, kind, result: value }), params({ jobId })),
    bye: () => bye(request(`${BASE}/bye`, key, { sessionId }), params()),
  };
}
