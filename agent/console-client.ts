// The agent's only network peer: the console, over HTTPS, outbound (docs/agent.md). undici's
// EnvHttpProxyAgent honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which Node's global fetch ignores.
import { EnvHttpProxyAgent, fetch } from "undici";
import { AGENT_API_PREFIX, helloAnswerSchema, pollAnswerSchema, type Hello, type HelloAnswer, type JobKind, type JobMessage } from "@/lib/agent/protocol";

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ConsoleError";
  }
}

export class ConsoleClient {
  private readonly dispatcher = new EnvHttpProxyAgent();

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  private async call(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const res = await fetch(new URL(`${AGENT_API_PREFIX}${path}`, this.baseUrl), {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: this.dispatcher,
      signal,
    });
    if (res.status === 204) return null;
    const text = await res.text();
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
      } catch {
        // not problem+json (a proxy's page): keep the start of the text
      }
      throw new ConsoleError(res.status, `${method} ${path.split("?")[0]} answered ${res.status}: ${detail}`);
    }
    return JSON.parse(text);
  }

  async hello(hello: Hello): Promise<HelloAnswer> {
    return helloAnswerSchema.parse(await this.call("POST", "/hello", hello));
  }

  async poll(sessionId: string, signal?: AbortSignal): Promise<JobMessage[]> {
    return pollAnswerSchema.parse(await this.call("GET", `/jobs?sessionId=${sessionId}`, undefined, signal)).jobs;
  }

  async ack(sessionId: string, jobId: string): Promise<void> {
    await this.call("POST", `/jobs/${jobId}/ack`, { sessionId });
  }

  /** The job's kind lets the console validate the result without reading the job first. */
  async result(sessionId: string, job: { id: string; kind: JobKind }, result: unknown): Promise<void> {
    await this.call("POST", `/jobs/${job.id}/result`, { sessionId, kind: job.kind, result });
  }

  async bye(sessionId: string): Promise<void> {
    await this.call("POST", "/bye", { sessionId });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
