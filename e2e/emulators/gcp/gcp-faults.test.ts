// Fault modes that reproduce Google's answers the happy path never sees, through the unmodified
// @google-cloud/secret-manager client (REST fallback, as the provider runs it) and raw HTTP where the client
// hides the body: 403 SERVICE_DISABLED naming the consumer project, 429 RESOURCE_EXHAUSTED, and bodies no
// client parses.
import { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoFixture, serviceAccountJsonFor } from "./fixture";
import { startGcpEmulator, type RunningGcpEmulator } from "./gcp-emulator";
import { resetEmulator } from "../reset";

let emu: RunningGcpEmulator;
let client: SecretManagerServiceClient;
const PROJECT = `projects/${demoFixture.projectId}`;
const SECRET = demoFixture.secrets[0]!.id;

beforeAll(async () => {
  emu = await startGcpEmulator({ fixture: demoFixture });
  const url = new URL(emu.url);
  client = new SecretManagerServiceClient({
    credentials: JSON.parse(serviceAccountJsonFor(demoFixture, emu.url)) as Record<string, string>,
    projectId: demoFixture.projectId,
    apiEndpoint: url.hostname,
    port: Number(url.port),
    protocol: "http",
    fallback: true,
    clientConfig: {
      interfaces: {
        "google.cloud.secretmanager.v1.SecretManagerService": {
          methods: { AccessSecretVersion: { retry_codes_name: "non_idempotent" }, ListSecrets: { retry_codes_name: "non_idempotent" } },
        },
      },
    },
  });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => resetEmulator(emu));

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return err as { code?: number; message: string };
  }
  throw new Error("expected the call to fail");
}

/** In REST fallback the client rejects with `code` = the HTTP status and `message` = the raw body text. */
function errorInfoOf(err: { message: string }) {
  const body = JSON.parse(err.message) as {
    error: { status: string; details: Array<{ "@type": string; reason?: string; metadata?: Record<string, string> }> };
  };
  return { status: body.error.status, info: body.error.details.find((d) => d["@type"] === "type.googleapis.com/google.rpc.ErrorInfo") };
}

const access = () => client.accessSecretVersion({ name: `${PROJECT}/secrets/${SECRET}/versions/latest` });

describe("Google emulator faults", () => {
  it("service_disabled: 403 PERMISSION_DENIED whose ErrorInfo names the consumer project", async () => {
    emu.injectFault({ kind: "service_disabled", operation: "accessSecretVersion", consumerProject: "1044370331" });
    const err = await failure(access());
    expect(err.code).toBe(403);
    const { status, info } = errorInfoOf(err);
    expect([status, info?.reason]).toEqual(["PERMISSION_DENIED", "SERVICE_DISABLED"]);
    expect(info?.metadata).toMatchObject({ consumer: "projects/1044370331", service: "secretmanager.googleapis.com" });
    expect(err.message).toContain("Secret Manager API has not been used in project 1044370331 before or it is disabled.");

    emu.injectFault({ kind: "service_disabled", operation: "listSecrets" });
    const res = await fetch(`${emu.url}/v1/${PROJECT}/secrets`);
    const body = (await res.json()) as { error: { code: number; status: string; details: Array<Record<string, unknown>> } };
    expect([res.status, body.error.code, body.error.status]).toEqual([403, 403, "PERMISSION_DENIED"]);
    expect(body.error.details[0]).toMatchObject({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      metadata: { consumer: `projects/${demoFixture.projectNumber}` },
    });
    expect(emu.injectFault.bind(emu, { kind: "service_disabled", operation: "token" })).toThrow(/not token/);
  });

  it("throttle: 429 RESOURCE_EXHAUSTED with the quota ErrorInfo", async () => {
    emu.injectFault({ kind: "throttle", operation: "listSecrets" });
    const err = await failure(client.listSecrets({ parent: PROJECT }, { autoPaginate: false }));
    const { status, info } = errorInfoOf(err);
    expect([err.code, status, info?.reason]).toEqual([429, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED"]);
    expect(info?.metadata?.consumer).toBe(`projects/${demoFixture.projectNumber}`);
  });

  it("raw: the chosen status with an HTML, XML or empty body, and the next call served", async () => {
    emu.injectFault({ kind: "raw", operation: "accessSecretVersion", status: 403, body: "html" });
    const raw = await fetch(`${emu.url}/v1/${PROJECT}/secrets/${SECRET}/versions/latest:access`);
    expect([raw.status, raw.headers.get("content-type")]).toEqual([403, "text/html"]);
    expect(await raw.text()).toContain("403 Forbidden");
    emu.injectFault({ kind: "raw", operation: "accessSecretVersion", status: 502, body: "empty" });
    const err = await failure(access());
    expect([err.code, err.message]).toEqual([502, ""]);
    const [ok] = await access();
    expect(ok.payload?.data).toBeTruthy();
    expect(emu.calls()).toMatchObject({ accessSecretVersion: 3 });
  });
});
