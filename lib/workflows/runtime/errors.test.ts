// Each standard error type, raised where the DSL says, as Problem Details whose instance is the failing task;
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflows under test write DSL runtime expressions as ${ … }
// and try/catch with its filters and retry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBody, secretsFrom } from "@/lib/testing/workflow-run";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import { ERROR_TYPES, workflowError } from "..";

let target: LocalTarget;
beforeAll(async () => {
  target = await startWorkflowTarget({ apiKey: "api-key-value-1", clientId: "cid", clientSecret: "client-secret-value" });
});
afterAll(() => target.close());

const get = (path: string, extra = "") =>
  `do:\n  - call:\n      call: http\n      with:\n        method: get\n        endpoint: ${target.url}${path}\n${extra}`;
const withSecret = "use:\n  secrets: [k]\n";
const header = "        headers:\n          Authorization: Bearer $SECRETS.k\n";

describe("standard errors", () => {
  it.each([
    ["undeclared", "use:\n  secrets: [other]\n", {}],
    ["undefined for the project", withSecret, {}],
    ["denied by the provider", withSecret, { k: { status: "denied" as const } }],
    ["no longer existing", withSecret, { k: { status: "not-found" as const } }],
  ])("authorization (403) for a secret %s, never an empty string", async (_name, use, secrets) => {
    const { result } = await runBody(`${use}${get("/data", header)}`, {}, { resolveSecrets: secretsFrom(secrets) });
    expect(result).toEqual({ status: "faulted", error: expect.objectContaining({ type: ERROR_TYPES.authorization, status: 403, instance: "/do/0/call" }) });
    expect(target.requests.some((r) => r.headers.authorization === "Bearer ")).toBe(false);
  });

  it("communication (503) when the provider is down with no usable cached value, or its resolver throws", async () => {
    for (const resolveSecrets of [secretsFrom({ k: { status: "unavailable" } }), async () => Promise.reject(new Error("provider timed out"))]) {
      const { result } = await runBody(`${withSecret}${get("/data", header)}`, {}, { resolveSecrets });
      expect(result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.communication, status: 503, instance: "/do/0/call" } });
    }
  });

  it("communication with the target's status for a non-2xx answer, and for a redirect (never followed)", async () => {
    expect((await runBody(get("/status/500"))).result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.communication, status: 500 } });
    const redirect = await runBody(get("/redirect"));
    expect(redirect.result).toMatchObject({
      status: "faulted",
      error: { type: ERROR_TYPES.communication, status: 302, detail: expect.stringContaining("not followed") },
    });
    const handled = await runBody(get("/redirect", "        redirect: true\n        output: response\n"));
    expect(handled.result).toMatchObject({ status: "completed", output: { statusCode: 302, headers: { location: "http://elsewhere.invalid/x" } } });
  });

  it("communication (503) when the target cannot be reached", async () => {
    const { result } = await runBody("do:\n  - call:\n      call: http\n      with: { method: get, endpoint: 'http://127.0.0.1:9/x' }\n");
    expect(result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.communication, status: 503 } });
  });

  it("authentication (401) when the OAuth2 token endpoint refuses the client", async () => {
    const { result } = await runBody(
      `${withSecret}do:\n  - call:\n      call: http\n      with:\n        method: get\n        endpoint:\n          uri: ${target.url}/orders\n          authentication:\n            oauth2: { authority: '${target.url}', grant: client_credentials, client: { id: cid, secret: $SECRETS.k } }\n`,
      {},
      { resolveSecrets: secretsFrom({ k: "wrong-secret-value" }) },
    );
    expect(result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.authentication, status: 401, instance: "/do/0/call" } });
  });

  it("expression (400) for a failing jq filter", async () => {
    const { result } = await runBody("do:\n  - a:\n      set: { x: '${ .a.b.c | tonumber }' }\n", { a: { b: { c: "nan!" } } });
    expect(result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.expression, status: 400, instance: "/do/0/a" } });
  });

  it("expression (400) for `def f: f; f` in a task, within the time limit", async () => {
    const started = performance.now();
    const { result } = await runBody("do:\n  - a:\n      set: { x: '${ def f: f; f }' }\n", {}, { limits: { expressionTimeoutMs: 300 } });
    expect(result).toMatchObject({ status: "faulted", error: { type: ERROR_TYPES.expression, status: 400, instance: "/do/0/a" } });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("configuration (400) for a bad duration, validation (400) raised by the workflow", async () => {
    expect((await runBody("do:\n  - w:\n      wait: PT99H\n")).result).toMatchObject({ error: { type: ERROR_TYPES.configuration, status: 400 } });
    const raised = await runBody(`do:\n  - r:\n      raise: { error: { type: '${ERROR_TYPES.validation}', status: 400 } }\n`);
    expect(raised.result).toMatchObject({ error: { type: ERROR_TYPES.validation, status: 400, instance: "/do/0/r" } });
  });

  it("timeout (408) for a task timeout, an HTTP deadline and the workflow timeout", async () => {
    const task = await runBody("do:\n  - w:\n      wait: { milliseconds: 500 }\n      timeout: { after: { milliseconds: 30 } }\n");
    expect(task.result).toMatchObject({ error: { type: ERROR_TYPES.timeout, status: 408, instance: "/do/0/w" } });
    const http = await runBody(get("/slow?ms=500"), {}, { limits: { httpTimeoutMs: 50 } });
    expect(http.result).toMatchObject({ error: { type: ERROR_TYPES.timeout, status: 408, instance: "/do/0/call" } });
    const run = await runBody("timeout: { after: { milliseconds: 40 } }\ndo:\n  - w:\n      wait: { milliseconds: 500 }\n");
    expect(run.result).toMatchObject({ error: { type: ERROR_TYPES.timeout, status: 408 } });
  });

  it("a WorkflowError thrown by the injected fetch (the product's egress policy) is raised as-is", async () => {
    const denying: typeof fetch = async () => {
      throw workflowError("authorization", "Host x.test is not on this workflow's allow-list.");
    };
    const { result } = await runBody(get("/data"), {}, { fetch: denying });
    expect(result).toMatchObject({
      error: { type: ERROR_TYPES.authorization, status: 403, instance: "/do/0/call", detail: expect.stringContaining("allow-list") },
    });
  });
});

const tryBody = (catchBlock: string, tries = "        - fail:\n            raise: { error: { type: 'https://e.test/transient', status: 503 } }\n") =>
  `do:\n  - t:\n      try:\n${tries}      catch:\n${catchBlock}`;

describe("try/catch", () => {
  it("catches by type and status, exposes the error as $<as> to catch.do", async () => {
    const { result } = await runBody(
      tryBody(
        "        errors: { with: { type: 'https://e.test/transient', status: 503 } }\n        as: oops\n        do:\n          - h:\n              set: { caught: '${ $oops.status }', at: '${ $oops.instance }' }\n",
      ),
    );
    expect(result).toEqual({ status: "completed", output: { caught: 503, at: "/do/0/t/try/0/fail" } });
  });

  it("does not catch an error the filter does not match, nor when `when` is false or `exceptWhen` true", async () => {
    for (const c of [
      "        errors: { with: { status: 404 } }\n",
      "        errors: { with: { instance: /do/0/t/try/1 } }\n",
      "        when: '${ $error.status == 400 }'\n",
      "        exceptWhen: '${ $error.status == 503 }'\n",
    ]) {
      expect((await runBody(tryBody(c))).result).toMatchObject({ status: "faulted", error: { status: 503 } });
    }
    expect((await runBody(tryBody("        errors: { with: { instance: /do/0/t/try/0 } }\n"), { kept: true })).result).toEqual({
      status: "completed",
      output: { kept: true },
    });
  });

  it("retries with a bounded limit and delay, then faults with the last error", async () => {
    const tries = `        - flaky:\n            call: http\n            with: { method: get, endpoint: '${target.url}/status/503' }\n`;
    const { result, events } = await runBody(
      tryBody(
        "        retry:\n          delay: { milliseconds: 5 }\n          backoff: { exponential: {} }\n          limit: { attempt: { count: 2 } }\n",
        tries,
      ),
    );
    expect(result).toMatchObject({ status: "faulted", error: { status: 503, instance: "/do/0/t/try/0/flaky" } });
    expect(events.filter((e) => e.type === "task.retried").map((e) => e.type === "task.retried" && e.attempt)).toEqual([1, 2]);
  });

  it("retries a transient provider outage and reads the secret again", async () => {
    let calls = 0;
    const resolveSecrets = async () => (++calls === 1 ? { k: { status: "unavailable" as const } } : { k: { status: "ok" as const, value: "api-key-value-1" } });
    const tries = `        - call:\n            call: http\n            with:\n              method: get\n              endpoint: ${target.url}/data\n              headers: { Authorization: Bearer $SECRETS.k }\n`;
    const { result } = await runBody(
      `${withSecret}${tryBody("        retry: { delay: { milliseconds: 1 }, limit: { attempt: { count: 3 } } }\n", tries)}`,
      {},
      { resolveSecrets },
    );
    expect(result).toMatchObject({ status: "completed", output: { ok: true } });
    expect(calls).toBe(2);
  });

  it("a named retry policy from use.retries, capped by maxRetryAttempts", async () => {
    const { events } = await runBody(
      `use:\n  retries:\n    many: { delay: { milliseconds: 1 }, limit: { attempt: { count: 50 } } }\n${tryBody("        retry: many\n")}`,
      {},
      { limits: { maxRetryAttempts: 3 } },
    );
    expect(events.filter((e) => e.type === "task.retried")).toHaveLength(3);
  });
});
