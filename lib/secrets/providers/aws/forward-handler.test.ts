// The Secrets Manager client over a forward function: the request the SDK signed is handed over whole (SigV4
// headers, JSON body), aimed at the origin secretsManagerOrigin pins jobs to, and the answer is parsed as usual.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import type { ForwardedRequest } from "@/lib/secrets/contracts/http-forward";
import { secretsManagerOrigin } from "./endpoint";
import { forwardRequestHandler } from "./forward-handler";

function clientFor(region: string, seen: ForwardedRequest[]) {
  return new SecretsManagerClient({
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: "ASIAROLESESSION", secretAccessKey: "roleSessionSecret", sessionToken: "token" },
    requestHandler: forwardRequestHandler(async (request) => {
      seen.push(request);
      return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: Buffer.from(JSON.stringify({ SecretString: "v", Name: "n" })) };
    }),
  });
}

describe("forwardRequestHandler", () => {
  it("forwards the signed request to the region's endpoint and returns the parsed answer", async () => {
    for (const region of ["us-east-1", "eu-west-1", "cn-north-1"]) {
      const seen: ForwardedRequest[] = [];
      const out = await clientFor(region, seen).send(new GetSecretValueCommand({ SecretId: "prod/db" }));
      expect(out.SecretString).toBe("v");
      expect(new URL(seen[0]!.url).origin).toBe(secretsManagerOrigin(region, {}));
      expect(seen[0]!.headers["x-amz-target"]).toBe("secretsmanager.GetSecretValue");
      expect(seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAROLESESSION\//);
      expect(JSON.parse(Buffer.from(seen[0]!.body!).toString("utf8"))).toEqual({ SecretId: "prod/db" });
      expect(JSON.stringify(seen)).not.toContain("roleSessionSecret");
    }
  });

  it("stops waiting when the call is aborted", async () => {
    const client = new SecretsManagerClient({
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: "A", secretAccessKey: "S" },
      requestHandler: forwardRequestHandler(() => new Promise(() => undefined)),
    });
    const abort = new AbortController();
    const sent = client.send(new GetSecretValueCommand({ SecretId: "x" }), { abortSignal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await expect(sent).rejects.toMatchObject({ name: "AbortError" });
  });
});
