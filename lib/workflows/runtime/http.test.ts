// call: http and authentication policies against a local target.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBody, secretsFrom } from "@/lib/testing/workflow-run";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import { type DestinationCheck, ERROR_TYPES, MemoryTokenCache, REDACTED } from "..";

const API_KEY = "api-key-7d1f0c";
const CLIENT_SECRET = "client-secret-93be";
let target: LocalTarget;
beforeAll(async () => {
  target = await startWorkflowTarget({ apiKey: API_KEY, clientId: "cid", clientSecret: CLIENT_SECRET });
});
afterAll(() => target.close());

const call = (withBlock: string, use = "use:\n  secrets: [k, creds, cs]\n") => `${use}do:\n  - c:\n      call: http\n      with:\n${withBlock}`;
const secrets = secretsFrom({ k: API_KEY, creds: JSON.stringify({ username: "svc-user", password: "pw-5521aa" }), cs: CLIENT_SECRET });

describe("call: http", () => {
  it("sends method, query and JSON body with secrets substituted, and returns the parsed content", async () => {
    const { result } = await runBody(
      call(
        `        method: post\n        endpoint: ${target.url}/items\n        headers: { Authorization: Bearer $SECRETS.k }\n        query: { q: '\${ .q }' }\n        body: { name: '\${ .name }' }\n`,
      ),
      { q: "a b", name: "widget" },
      { resolveSecrets: secrets },
    );
    expect(result).toEqual({ status: "completed", output: { ok: true, method: "POST", path: "/items", body: { name: "widget" } } });
    const sent = target.requests.at(-1)!;
    expect(sent.headers["content-type"]).toBe("application/json");
  });

  it("reads into a JSON secret with $secrets.<name>.<field>", async () => {
    await runBody(
      call(`        method: get\n        endpoint: ${target.url}/echo\n        headers: { X-User: '\${ $secrets.creds.username }' }\n`),
      {},
      { resolveSecrets: secrets },
    );
    expect(target.requests.at(-1)!.headers["x-user"]).toBe("svc-user");
  });

  it("expands {name} in the endpoint from the task input", async () => {
    await runBody(call(`        method: get\n        endpoint: ${target.url}/echo/{id}\n`), { id: "a/b" });
    expect(target.requests.at(-1)!.path).toBe("/echo/a%2Fb");
  });

  it("output: response gives status, headers and content, with credential headers redacted", async () => {
    const { result } = await runBody(
      call(
        `        method: get\n        endpoint: ${target.url}/data\n        headers: { Authorization: '\${ "Bearer " + $secrets.k }', X-Trace: t1 }\n        output: response\n`,
      ),
      {},
      { resolveSecrets: secrets },
    );
    expect(result).toMatchObject({
      status: "completed",
      output: {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        content: { ok: true },
        request: { method: "GET", headers: { Authorization: REDACTED, "X-Trace": "t1" } },
      },
    });
  });

  it("output: raw gives the body base64-encoded; a text body stays text", async () => {
    expect((await runBody(call(`        method: get\n        endpoint: ${target.url}/plain\n        output: raw\n`))).result).toEqual({
      status: "completed",
      output: Buffer.from("hello").toString("base64"),
    });
    expect((await runBody(call(`        method: get\n        endpoint: ${target.url}/plain\n`))).result).toEqual({ status: "completed", output: "hello" });
  });

  it("never lets fetch follow a redirect", async () => {
    const seen: RequestInit[] = [];
    const spy: typeof fetch = async (url, init) => {
      seen.push(init ?? {});
      return fetch(url, init);
    };
    await runBody(call(`        method: get\n        endpoint: ${target.url}/redirect\n`), {}, { fetch: spy });
    expect(seen.map((i) => i.redirect)).toEqual(["manual"]);
  });

  it("scrubs a credential the target echoes before it becomes task data", async () => {
    const { result } = await runBody(
      call(`        method: post\n        endpoint: ${target.url}/echo\n        headers: { X-Key: $SECRETS.k }\n        body: { copy: $SECRETS.k }\n`),
      {},
      { resolveSecrets: secrets },
    );
    const text = JSON.stringify(result);
    expect(text).not.toContain(API_KEY);
    expect(text).toContain(REDACTED);
  });
});

describe("destination check", () => {
  it("is told which requests carry secrets, token requests included", async () => {
    const seen: DestinationCheck[] = [];
    const use = `use:\n  secrets: [k, cs]\n`;
    const body = `${use}do:\n  - plain:\n      call: http\n      with: { method: get, endpoint: '${target.url}/plain' }\n  - keyed:\n      call: http\n      with: { method: get, endpoint: '${target.url}/data', headers: { Authorization: Bearer $SECRETS.k } }\n  - oauth:\n      call: http\n      with:\n        method: get\n        endpoint: { uri: '${target.url}/orders', authentication: { oauth2: { authority: '${target.url}', grant: client_credentials, client: { id: cid, secret: $SECRETS.cs } } } }\n`;
    const { result } = await runBody(body, {}, { resolveSecrets: secrets, checkDestination: (r) => void seen.push(r) });
    expect(result.status).toBe("completed");
    expect(seen.map((r) => [r.task, new URL(r.url).pathname, r.secretBearing])).toEqual([
      ["/do/0/plain", "/plain", false],
      ["/do/1/keyed", "/data", true],
      ["/do/2/oauth", "/oauth2/token", true],
      ["/do/2/oauth", "/orders", true],
    ]);
  });

  it("refuses a request it throws for, as the authorization error, before anything is sent", async () => {
    const before = target.requests.length;
    const { result } = await runBody(
      call(`        method: get\n        endpoint: ${target.url}/data\n        headers: { Authorization: Bearer $SECRETS.k }\n`),
      {},
      {
        resolveSecrets: secrets,
        checkDestination: ({ secretBearing }) => {
          if (secretBearing) throw new Error("127.0.0.1 is not on this workflow's allow-list");
        },
      },
    );
    expect(result).toMatchObject({
      status: "faulted",
      error: { type: ERROR_TYPES.authorization, status: 403, instance: "/do/0/c", detail: expect.stringContaining("allow-list") },
    });
    expect(target.requests.length).toBe(before);
  });
});

describe("authentication policies", () => {
  it("basic from a JSON secret (use: <secret>), bearer inline", async () => {
    await runBody(
      call(`        method: get\n        endpoint: { uri: '${target.url}/echo', authentication: { basic: { use: creds } } }\n`),
      {},
      { resolveSecrets: secrets },
    );
    expect(target.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from("svc-user:pw-5521aa").toString("base64")}`);
    const { result } = await runBody(
      call(`        method: get\n        endpoint: { uri: '${target.url}/data', authentication: { bearer: { token: $SECRETS.k } } }\n`),
      {},
      { resolveSecrets: secrets },
    );
    expect(result).toMatchObject({ status: "completed", output: { ok: true } });
  });

  it("a JSON secret that is not an object is a configuration error that does not show the value", async () => {
    const { result } = await runBody(
      call(`        method: get\n        endpoint: { uri: '${target.url}/echo', authentication: { basic: { use: k } } }\n`),
      {},
      { resolveSecrets: secrets },
    );
    expect(result).toMatchObject({ status: "faulted", error: { status: 400, type: expect.stringContaining("/configuration") } });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it("oauth2 client_credentials requests one token and reuses it for its lifetime, across runs with a shared cache", async () => {
    const use = `use:\n  secrets: [cs]\n  authentications:\n    api:\n      oauth2: { authority: '${target.url}', grant: client_credentials, client: { id: cid, secret: $SECRETS.cs }, scopes: [read] }\n`;
    const body = `${use}do:\n  - one:\n      call: http\n      with: { method: get, endpoint: { uri: '${target.url}/orders', authentication: { use: api } } }\n  - two:\n      call: http\n      with: { method: get, endpoint: { uri: '${target.url}/orders', authentication: { use: api } } }\n`;
    const before = target.tokensIssued.length;
    const tokenCache = new MemoryTokenCache();
    const first = await runBody(body, {}, { resolveSecrets: secrets, tokenCache });
    const second = await runBody(body, {}, { resolveSecrets: secrets, tokenCache });
    expect(first.result).toMatchObject({ status: "completed", output: { orders: [{ id: 1 }, { id: 2 }] } });
    expect(second.result.status).toBe("completed");
    expect(target.tokensIssued.length - before).toBe(1);
    const tokenRequest = target.requests.filter((r) => r.path === "/oauth2/token").at(-1)!;
    expect(new URLSearchParams(tokenRequest.body).get("scope")).toBe("read");
    expect(JSON.stringify([first.events, second.events])).not.toContain(target.tokensIssued.at(-1));
  });

  it("oauth2 with client_secret_basic sends the client credentials in the Authorization header", async () => {
    const { result } = await runBody(
      call(
        `        method: get\n        endpoint:\n          uri: ${target.url}/echo\n          authentication:\n            oauth2: { authority: '${target.url}', grant: client_credentials, client: { id: cid, secret: $SECRETS.cs, authentication: client_secret_basic } }\n`,
      ),
      {},
      { resolveSecrets: secrets },
    );
    // The local token endpoint only accepts client_secret_post, so the token request is refused: 401.
    expect(result).toMatchObject({ status: "faulted", error: { status: 401 } });
    expect(target.requests.filter((r) => r.path === "/oauth2/token").at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from(`cid:${CLIENT_SECRET}`).toString("base64")}`,
    );
  });
});
