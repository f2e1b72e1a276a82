// Secrets Manager's JSON 1.1 protocol: POST / with X-Amz-Target: secretsmanager.<Operation> and an
// application/x-amz-json-1.1 body. Authentication has already happened; this maps the operation to its handler.
import { jsonError, type HttpReply } from "./http-reply";
import type { AwsPolicyStatement } from "./fixture";
import type { Caller } from "./policy";
import type { AwsEmulatorState } from "./state";
import { batchGetSecretValue, getSecretValue } from "./secret-reads";
import { describeSecret, listSecrets, listSecretVersionIds } from "./secret-listing";

export interface SmContext {
  state: AwsEmulatorState;
  caller: Caller;
  /** The caller's identity policy as it is now, so a revocation applies to sessions already issued. */
  statements: AwsPolicyStatement[];
  /** From the SigV4 credential scope: Secrets Manager is regional. */
  region: string;
  input: Record<string, unknown>;
  /** An injected batch_entry_error: these ids come back in Errors[] with this ErrorCode. */
  entryFault?: { code: string; secretId?: string };
}

const HANDLERS: Record<string, (ctx: SmContext) => HttpReply> = {
  ListSecrets: listSecrets,
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  DescribeSecret: describeSecret,
  ListSecretVersionIds: listSecretVersionIds,
};

/** The operation named by X-Amz-Target, e.g. "GetSecretValue"; undefined when it is not a Secrets Manager call. */
export function secretsManagerOperation(target: string | string[] | undefined): string | undefined {
  const m = /^secretsmanager\.(\w+)$/.exec(String(target ?? ""));
  return m?.[1];
}

/** Parses the JSON body the way the service does before any operation sees it. */
export function parseJsonBody(body: Buffer): { input: Record<string, unknown> } | { reply: HttpReply } {
  const text = body.toString("utf8").trim();
  if (!text) return { input: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return { input: value as Record<string, unknown> };
  } catch {
    // fall through to the service's own answer
  }
  return { reply: jsonError(400, "SerializationException", "Start of structure or map found where not expected.", "message") };
}

export function handleSecretsManager(operation: string, ctx: SmContext): HttpReply {
  const handler = HANDLERS[operation];
  if (!handler) return jsonError(400, "UnknownOperationException", "", "message");
  return handler(ctx);
}
