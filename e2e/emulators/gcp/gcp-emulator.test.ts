// The emulator's wire behaviour that the provider tests do not reach through the SDK: the OAuth2 token
// endpoint, raw REST shapes, and the /_emulator/ control API over HTTP.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoFixture, serviceAccountJsonFor } from "./fixture";
import { startGcpEmulator, type RunningGcpEmulator } from "./gcp-emulator";
import { crc32c } from "./secret-manager-api";
import { resetEmulator } from "../reset";

const key = demoFixture.serviceAccountKey!;
const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
let emu: RunningGcpEmulator;

beforeAll(async () => {
  emu = await startGcpEmulator({ fixture: demoFixture });
});
afterAll(() => emu.close());
beforeEach(() => resetEmulator(emu));

function jwt(claims: Record<string, unknown>, privateKey: string = key.private_key, kid: string = key.private_key_id): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const signed = `${part({ alg: "RS256", typ: "JWT", kid })}.${part(claims)}`;
  return `${signed}.${sign("RSA-SHA256", Buffer.from(signed), privateKey).toString("base64url")}`;
}

function assertion(overrides: Record<string, unknown> = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  return jwt({ iss: key.client_email, scope: SCOPE, aud: emu.tokenUrl, iat, exp: iat + 3600, ...overrides });
}

async function token(body: Record<string, string>) {
  const res = await fetch(emu.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const accessUrl = (secret: string, version = "latest") => `${emu.url}/v1/projects/keyhold-demo/secrets/${secret}/versions/${version}:access`;

describe("GCP emulator", () => {
  it("trades a signed JWT assertion for an access token the API accepts", async () => {
    const { status, body } = await token({ grant_type: grant, assertion: assertion() });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599, access_token: expect.stringMatching(/^ya29\./) });
    const res = await fetch(accessUrl("db-password"), { headers: { authorization: `Bearer ${body.access_token as string}` } });
    const json = (await res.json()) as { name: string; payload: { data: string; dataCrc32c: string } };
    expect(json.name).toBe(`projects/${demoFixture.projectNumber}/secrets/db-password/versions/2`);
    const data = Buffer.from(json.payload.data, "base64");
    expect(data.toString()).toBe("demo-db-password-v2");
    expect(json.payload.dataCrc32c).toBe(String(crc32c(data)));
    expect(emu.calls()).toEqual({ token: 1, accessSecretVersion: 1 });
  });

  it("refuses bad assertions the way Google's token endpoint does", async () => {
    const stranger = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const iat = Math.floor(Date.now() / 1000);
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ grant_type: "client_credentials", assertion: assertion() }, "unsupported_grant_type", "Invalid grant_type: client_credentials"],
      [{ grant_type: grant }, "invalid_request", "Missing required parameter: assertion"],
      [
        { grant_type: grant, assertion: jwt({ iss: key.client_email, scope: SCOPE, aud: emu.tokenUrl, iat, exp: iat + 60 }, stranger) },
        "invalid_grant",
        "Invalid JWT Signature.",
      ],
      [{ grant_type: grant, assertion: assertion({ iss: "ghost@keyhold-demo.iam.gserviceaccount.com" }) }, "invalid_grant", "Invalid grant: account not found"],
      [{ grant_type: grant, assertion: assertion({ aud: "https://example.com/token" }) }, "invalid_grant", "Failed audience check"],
      [{ grant_type: grant, assertion: assertion({ iat: iat - 7200, exp: iat - 3600 }) }, "invalid_grant", "short-lived token"],
      [{ grant_type: grant, assertion: assertion({ scope: undefined }) }, "invalid_scope", "Invalid OAuth scope"],
    ];
    for (const [body, error, description] of cases) {
      const reply = await token(body);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe(error);
      expect(reply.body.error_description).toContain(description);
    }
  });

  it("answers API calls without valid credentials with 401 UNAUTHENTICATED", async () => {
    const missing = await fetch(accessUrl("db-password"));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await missing.json()) as { error: { status: string } }).error.status).toBe("UNAUTHENTICATED");
    const selfSigned = (k?: string) => {
      const iat = Math.floor(Date.now() / 1000);
      return jwt({ iss: key.client_email, sub: key.client_email, scope: SCOPE, iat, exp: iat + 3600 }, k);
    };
    expect((await fetch(accessUrl("db-password"), { headers: { authorization: `Bearer ${selfSigned()}` } })).status).toBe(200);
    const stranger = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const res = await fetch(accessUrl("db-password"), { headers: { authorization: `Bearer ${selfSigned(stranger)}` } });
    expect(res.status).toBe(401);
  });

  it("encodes version states as numbers only when the client asks for int enums", async () => {
    const auth = { authorization: `Bearer ${(await token({ grant_type: grant, assertion: assertion() })).body.access_token as string}` };
    const url = `${emu.url}/v1/projects/keyhold-demo/secrets/db-password/versions/1`;
    expect(((await (await fetch(url, { headers: auth })).json()) as { state: unknown }).state).toBe("ENABLED");
    const ints = (await (await fetch(`${url}?$alt=json%3Benum-encoding=int`, { headers: auth })).json()) as { state: unknown };
    expect(ints.state).toBe(1);
  });

  it("serves the control API over HTTP", async () => {
    const post = (path: string, body?: unknown) =>
      fetch(`${emu.url}/_emulator/${path}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
    expect(await (await post("state", { op: "addVersion", secretId: "api-token", value: "v2" })).json()).toEqual({ ok: true, version: 2 });
    expect((await post("state", { op: "disableVersion", secretId: "nope", version: 1 })).status).toBe(400);
    await post("faults", { kind: "server_error", operation: "token" });
    expect((await token({ grant_type: grant, assertion: assertion() })).status).toBe(503);
    expect((await token({ grant_type: grant, assertion: assertion() })).status).toBe(200);
    expect(await (await fetch(`${emu.url}/_emulator/calls`)).json()).toEqual({ token: 2 });
    await post("calls/reset");
    expect(await (await fetch(`${emu.url}/_emulator/calls`)).json()).toEqual({});
  });

  it("fills the demo key's token_uri with the emulator's URL", () => {
    const json = JSON.parse(serviceAccountJsonFor(demoFixture, `${emu.url}/`)) as Record<string, string>;
    expect(json.token_uri).toBe(emu.tokenUrl);
    expect(json).toMatchObject({ type: "service_account", client_email: "keyhold@keyhold-demo.iam.gserviceaccount.com", project_id: "keyhold-demo" });
  });
});
