// The example workflows shipped in this folder, run against a local API and OAuth2 token endpoint.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import { ERROR_TYPES, runToEnd, validate, type LogEntry, type ResolveSecrets, type SecretOutcome } from "..";

const API_KEY = "sk-live-4f7c2a9e81d3";
const CLIENT_SECRET = "cs-9b2e77d104aa";
let target: LocalTarget;

const read = (name: string) => readFileSync(join(__dirname, name), "utf8");
const pointed = (text: string) => text.replaceAll("https://api.example.com", target.url).replaceAll("https://auth.example.com", target.url);

function resolver(outcomes: Record<string, SecretOutcome>): ResolveSecrets & { calls: string[][] } {
  const calls: string[][] = [];
  const fn = async (names: readonly string[]) => {
    calls.push([...names]);
    return Object.fromEntries(names.map((n) => [n, outcomes[n] ?? { status: "undefined" as const }]));
  };
  return Object.assign(fn, { calls });
}

beforeAll(async () => {
  target = await startWorkflowTarget({ apiKey: API_KEY, clientId: "client-id", clientSecret: CLIENT_SECRET });
});
afterAll(() => target.close());

describe("example workflows", () => {
  it("secrets-example.yaml calls the API with the bearer secret, then with an OAuth2 client_credentials token", async () => {
    const { workflow, problems } = validate(pointed(read("secrets-example.yaml")));
    expect(problems).toEqual([]);
    const resolve = resolver({ "api-key-secret": { status: "ok", value: API_KEY }, "oauth-client-secret": { status: "ok", value: CLIENT_SECRET } });
    const { result, events } = await runToEnd(workflow!, {}, { resolveSecrets: resolve, fetch });
    expect(result).toEqual({ status: "completed", output: { orders: [{ id: 1 }, { id: 2 }] } });
    expect(target.tokensIssued).toHaveLength(1);
    // One provider batch per run: the first read asks for every secret the definition reads.
    expect(resolve.calls).toEqual([["api-key-secret", "oauth-client-secret"]]);
    expect(target.requests.find((r) => r.path === "/data")?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(events.filter((e) => e.type === "secret.read").map((e) => e.type === "secret.read" && e.names)).toEqual([
      ["api-key-secret"],
      ["oauth-client-secret"],
    ]);
    const trace = JSON.stringify(events);
    expect(trace).not.toContain(API_KEY);
    expect(trace).not.toContain(CLIENT_SECRET);
    expect(trace).not.toContain(target.tokensIssued[0]);
  });

  it("secrets-try-catch.yaml catches a denied secret and calls logError", async () => {
    const { workflow } = validate(pointed(read("secrets-try-catch.yaml")));
    const logs: LogEntry[] = [];
    const resolve = resolver({ "api-key-secret": { status: "denied", detail: "AccessDeniedException" } });
    const { result, events } = await runToEnd(workflow!, { keep: 1 }, { resolveSecrets: resolve, fetch, log: (e) => logs.push(e) });
    expect(result).toEqual({ status: "completed", output: { keep: 1 } });
    expect(logs).toEqual([
      { level: "error", message: "Missing or unauthorized secret access", task: "/do/0/accessProtectedResource/catch/do/0/logSecretError" },
    ]);
    const faulted = events.find((e) => e.type === "task.faulted");
    expect(faulted?.type === "task.faulted" && faulted.error).toMatchObject({
      type: ERROR_TYPES.authorization,
      status: 403,
      instance: "/do/0/accessProtectedResource/try/0/callWithSecret",
    });
    expect(target.requests.filter((r) => r.path === "/protected")).toHaveLength(0);
  });

  it("secrets-try-catch.yaml calls the API when the secret resolves", async () => {
    const { workflow } = validate(pointed(read("secrets-try-catch.yaml")));
    const { result } = await runToEnd(workflow!, {}, { resolveSecrets: resolver({ "api-key-secret": { status: "ok", value: API_KEY } }), fetch });
    expect(result).toMatchObject({ status: "completed", output: { ok: true, path: "/protected" } });
  });

  it("documentation-form.yaml is refused with the 1.0.0 form offered, and the offered text runs", async () => {
    const { workflow, problems, converted } = validate(read("documentation-form.yaml"));
    expect(workflow).toBeNull();
    expect(problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [14, "This is the older form of `try` (`try: {"],
      [23, "This is the older form of try/catch (`ca"],
      [30, "This is the older form of a function cal"],
    ]);
    const again = validate(pointed(converted!));
    expect(again.problems).toEqual([]);
    const logs: LogEntry[] = [];
    const { result } = await runToEnd(again.workflow!, {}, { resolveSecrets: resolver({}), fetch, log: (e) => logs.push(e) });
    expect(result.status).toBe("completed");
    expect(logs.map((l) => l.message)).toEqual(["Missing or unauthorized secret access"]);
  });
});
