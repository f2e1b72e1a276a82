// Structured logs. Redaction is by path, so any field that may carry a credential is censored wherever it
// appears one or two levels deep; code must still never log a resolved secret on purpose.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { env } from "@/lib/env";

const REDACT_PATHS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "secret",
  "secretId",
  "clientSecret",
  "value",
  "privateKey",
  "private_key",
  "apiKey",
  "authorization",
  "cookie",
  "serviceAccountJson",
  "secretString",
  "*.password",
  "*.newPassword",
  "*.token",
  "*.secret",
  "*.secretId",
  "*.clientSecret",
  "*.value",
  "*.privateKey",
  "*.private_key",
  "*.apiKey",
  "*.authorization",
  "*.cookie",
  "*.serviceAccountJson",
  "*.secretString",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

// The request a line is logged for (docs/operations.md "Request ids"): route handlers and actions run inside
// withRequestId, and every line they log, at any depth, carries the id.
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestId<T>(requestId: string, run: () => T): T {
  return requestContext.run({ requestId }, run);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export function createLogger(destination?: pino.DestinationStream, level: string = env.LOG_LEVEL): pino.Logger {
  return pino(
    {
      level,
      base: { service: "keyhold" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

export const log = createLogger();
