// One HTTP port for both AWS protocols, as the SDK reaches it through AWS_ENDPOINT_URL: requests with
// X-Amz-Target are Secrets Manager (JSON 1.1), the rest STS (Query). Order per request: count it, apply a
// queued fault, verify SigV4, then run the operation as the authenticated caller.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { RunningEmulator } from "../types";
import type { AwsFixture } from "./fixture";
import { validateAwsFixture } from "./fixture";
import { FaultBook } from "./faults";
import { jsonError, xmlError, type HttpReply } from "./http-reply";
import { roleStatements, type Caller } from "./policy";
import { handleSecretsManager, parseJsonBody, secretsManagerOperation } from "./secrets-manager";
import { scopeService, verifySigV4, type SigV4Failure, type SigningKeyMaterial } from "./sigv4";
import { AwsEmulatorState, type AwsStateMutation } from "./state";
import { handleSts, stsParams } from "./sts";
import { handleControl } from "./control";
import { rawFaultReply } from "../raw-faults";
import { notAuthorizedMessage } from "./policy";

export interface RunningAwsEmulator extends RunningEmulator {
  setState(mutation: AwsStateMutation): void;
}

const MAX_BODY = 1024 * 1024;

export async function startAwsEmulator(options: { port?: number; fixture: AwsFixture }): Promise<RunningAwsEmulator> {
  const state = new AwsEmulatorState(validateAwsFixture(options.fixture));
  const faults = new FaultBook();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    void readBody(req)
      .then(async (body) => {
        if (body === undefined) return send(res, { status: 413, contentType: "text/plain", body: "Request Entity Too Large" }, "");
        if (req.url?.startsWith("/_emulator/")) return send(res, handleControl(req, body, { faults, state }), "");
        await serveAws(req, res, body);
      })
      .catch(() => res.destroy());
  });

  async function serveAws(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const requestId = randomUUID();
    const url = req.url ?? "/";
    const target = req.headers["x-amz-target"];
    // One port serves both services, so the request's shape says which one it is for, as the hostname would.
    const json = target !== undefined || scopeService(req.headers) === "secretsmanager";
    const params = json ? undefined : stsParams(body, url);
    const operation = json ? (secretsManagerOperation(target) ?? String(target ?? "Unknown")) : (params!.get("Action") ?? "Unknown");
    faults.record(operation);

    const fault = faults.take(operation);
    if (fault?.kind === "latency") await sleep(fault.delayMs ?? 0);
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "throttle") {
      return send(
        res,
        json ? jsonError(400, "ThrottlingException", "Rate exceeded", "message") : xmlError(400, "Throttling", "Rate exceeded", requestId),
        requestId,
      );
    }
    if (fault?.kind === "server_error") {
      return send(
        res,
        json
          ? jsonError(500, "InternalServiceError", "An error occurred on the server side.")
          : xmlError(500, "InternalFailure", "An internal error has occurred.", requestId),
        requestId,
      );
    }
    if (fault?.kind === "raw") return sendRaw(res, rawFaultReply(fault));

    const signed = verifySigV4({ method: req.method ?? "POST", url, headers: req.headers, body }, json ? "secretsmanager" : "sts", keyFor);
    if (!signed.ok) return send(res, authError(json, signed.failure, signed.message, requestId), requestId);
    const who = callerFor(signed.accessKeyId);

    // A denial is IAM's answer, so it comes after authentication and names the caller, as AWS does.
    if (fault?.kind === "denied") return send(res, deniedReply(json, operation, who.caller.arn, params, requestId), requestId);

    if (json) {
      const parsed = parseJsonBody(body);
      if ("reply" in parsed) return send(res, parsed.reply, requestId);
      const entryFault = fault?.kind === "batch_entry_error" ? { code: fault.code!, secretId: fault.secretId } : undefined;
      return send(res, handleSecretsManager(operation, { state, ...who, region: signed.region, input: parsed.input, entryFault }), requestId);
    }
    send(res, handleSts({ state, caller: who.caller, params: params!, requestId }), requestId);
  }

  function keyFor(accessKeyId: string): SigningKeyMaterial | undefined {
    if (accessKeyId === state.platform.accessKeyId) return { secretAccessKey: state.platform.secretAccessKey };
    const session = state.sessions.get(accessKeyId);
    return session && { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken, expiresAt: session.expiresAt };
  }

  function callerFor(accessKeyId: string): { caller: Caller; statements: ReturnType<typeof roleStatements> } {
    const session = state.sessions.get(accessKeyId);
    if (session) {
      const role = state.roles.get(session.roleArn);
      const accountId = session.roleArn.split(":")[4] ?? "";
      return {
        caller: { arn: session.assumedRoleArn, accountId, roleArn: session.roleArn },
        statements: role ? roleStatements(role) : [],
      };
    }
    const p = state.platform;
    return {
      caller: { arn: `arn:aws:iam::${p.accountId}:user/${p.userName ?? "keyhold-platform"}`, accountId: p.accountId },
      statements: p.permissions ?? [],
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls: () => faults.calls(),
    resetCalls: () => faults.resetCalls(),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setState: (mutation) => state.apply(mutation),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const JSON_AUTH: Record<SigV4Failure, string> = {
  missing: "MissingAuthenticationTokenException",
  incomplete: "IncompleteSignatureException",
  unknown_key: "UnrecognizedClientException",
  invalid_token: "UnrecognizedClientException",
  expired_token: "ExpiredTokenException",
  wrong_service: "InvalidSignatureException",
  request_expired: "InvalidSignatureException",
  mismatch: "InvalidSignatureException",
};

const QUERY_AUTH: Record<SigV4Failure, [number, string]> = {
  missing: [403, "MissingAuthenticationToken"],
  incomplete: [400, "IncompleteSignature"],
  unknown_key: [403, "InvalidClientTokenId"],
  invalid_token: [403, "InvalidClientTokenId"],
  expired_token: [400, "ExpiredToken"],
  wrong_service: [403, "SignatureDoesNotMatch"],
  request_expired: [403, "SignatureDoesNotMatch"],
  mismatch: [403, "SignatureDoesNotMatch"],
};

/** JSON services answer authentication failures with 400 and a lower-case `message`; STS with 403 XML. */
function authError(json: boolean, failure: SigV4Failure, message: string, requestId: string): HttpReply {
  if (json) return jsonError(400, JSON_AUTH[failure], message, "message");
  const [status, code] = QUERY_AUTH[failure];
  return xmlError(status, code, message, requestId);
}

/** The `denied` fault: AccessDeniedException as HTTP 400 JSON (the real wire form), STS AccessDenied 403 XML. */
function deniedReply(json: boolean, operation: string, callerArn: string, params: URLSearchParams | undefined, requestId: string): HttpReply {
  if (json) return jsonError(400, "AccessDeniedException", notAuthorizedMessage(callerArn, `secretsmanager:${operation}`));
  const role = params?.get("RoleArn") ?? "*";
  return xmlError(403, "AccessDenied", `User: ${callerArn} is not authorized to perform: sts:${operation} on resource: ${role}`, requestId);
}

/** A raw fault: whatever stood in front of AWS answered, so no x-amzn-RequestId. */
function sendRaw(res: ServerResponse, reply: ReturnType<typeof rawFaultReply>): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function send(res: ServerResponse, reply: HttpReply, requestId: string): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string | number> = {
    "Content-Type": reply.contentType,
    "Content-Length": Buffer.byteLength(reply.body),
    Date: new Date().toUTCString(),
  };
  if (requestId) headers["x-amzn-RequestId"] = requestId;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
