// RFC 9457 problem details: the one map from an expected failure (AppError, SecretsError, a zod error) to an
// HTTP answer, for every route handler (docs/errors.md). Missing or unauthorized secrets and failed
// authentication use the Serverless Workflow error types existing automation already understands.
//
// Statuses: 401 only when the caller's own credentials (token or session) fail; a secrets provider that
// refuses Keyhold, for any reason other than an outage, is 403 `authorization` (the caller cannot fix it by
// signing in again), with the exact SecretsError code in `code`; an outage is 503 with Retry-After; a request
// the provider found malformed (a stale page token) is 400.
import { core } from "zod/mini";
import type { AppError, AppErrorCode } from "@/lib/errors";
import { isAppError } from "@/lib/errors";
import type { SecretsError } from "@/lib/secrets/errors";
import { isSecretsError } from "@/lib/secrets/errors";
import { fieldErrorsOf } from "@/lib/validations/field-errors";

export const PROBLEM_TYPES = {
  authorization: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization",
  authentication: "https://serverlessworkflow.io/spec/1.0.0/errors/authentication",
  notFound: "https://keyhold.dev/problems/not-found",
  unavailable: "https://keyhold.dev/problems/provider-unavailable",
  badRequest: "https://keyhold.dev/problems/bad-request",
  conflict: "https://keyhold.dev/problems/conflict",
  throttled: "https://keyhold.dev/problems/throttled",
  notReady: "https://keyhold.dev/problems/not-ready",
  internal: "https://keyhold.dev/problems/internal",
} as const;

/** One entry of a problem's `errors`: a form field or a reference that failed, and why. */
export interface ProblemFieldError {
  field?: string;
  detail?: string;
  [extension: string]: unknown;
}

export interface ProblemInit {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The AppError or SecretsError code, for clients that branch on it. */
  code?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export const RETRY_AFTER_SECONDS = "30";
const WWW_AUTHENTICATE = { "www-authenticate": 'Bearer realm="keyhold"' };

export function problem(init: ProblemInit, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(init), { status: init.status, headers: { "content-type": "application/problem+json", ...headers } });
}

export const APP_ERROR_PROBLEMS: Record<AppErrorCode, { status: number; type: string; title: string }> = {
  UNAUTHENTICATED: { status: 401, type: PROBLEM_TYPES.authentication, title: "Unauthorized" },
  FORBIDDEN: { status: 403, type: PROBLEM_TYPES.authorization, title: "Forbidden" },
  PASSWORD_CHANGE_REQUIRED: { status: 403, type: PROBLEM_TYPES.authorization, title: "Password change required" },
  REAUTH_REQUIRED: { status: 403, type: PROBLEM_TYPES.authorization, title: "Password confirmation required" },
  NOT_FOUND: { status: 404, type: PROBLEM_TYPES.notFound, title: "Not Found" },
  CONFLICT: { status: 409, type: PROBLEM_TYPES.conflict, title: "Conflict" },
  VALIDATION: { status: 400, type: PROBLEM_TYPES.badRequest, title: "Bad Request" },
  THROTTLED: { status: 429, type: PROBLEM_TYPES.throttled, title: "Too Many Requests" },
  AGENT_UNAVAILABLE: { status: 503, type: PROBLEM_TYPES.unavailable, title: "Service Unavailable" },
};

export function appErrorProblem(err: AppError, instance: string): Response {
  const { status, type, title } = APP_ERROR_PROBLEMS[err.code];
  const errors = err.field ? [{ field: err.field, detail: err.message }] : undefined;
  if (err.retryAfterSeconds !== undefined) {
    const retryAfterSeconds = err.retryAfterSeconds;
    return problem({ type, title, status, detail: err.message, instance, code: err.code, retryAfterSeconds }, { "retry-after": String(retryAfterSeconds) });
  }
  return problem({ type, title, status, detail: err.message, instance, code: err.code, errors }, status === 401 ? WWW_AUTHENTICATE : {});
}

export function secretsErrorStatus(err: SecretsError): 400 | 403 | 503 {
  if (err.category === "invalid_request") return 400;
  return err.category === "unavailable" ? 503 : 403;
}

/** The SecretsError's own fields (value-free by construction) ride along, so the console can show the fix. */
export function secretsErrorProblem(err: SecretsError, instance: string): Response {
  const { message, category, ...rest } = err.toJSON();
  if (secretsErrorStatus(err) === 503) {
    return problem(
      { type: PROBLEM_TYPES.unavailable, title: "Secrets provider unavailable", status: 503, detail: message, instance, category, ...rest },
      { "retry-after": RETRY_AFTER_SECONDS },
    );
  }
  if (secretsErrorStatus(err) === 400) {
    return problem({ type: PROBLEM_TYPES.badRequest, title: "Bad Request", status: 400, detail: message, instance, category, ...rest });
  }
  return problem({ type: PROBLEM_TYPES.authorization, title: "Secret not available", status: 403, detail: message, instance, category, ...rest });
}

export function validationProblem(error: core.$ZodError, instance: string, detail = "The request is not valid."): Response {
  const errors = Object.entries(fieldErrorsOf(error)).flatMap(([field, messages]) => (messages ?? []).map((m) => ({ field, detail: m })));
  return problem({ type: PROBLEM_TYPES.badRequest, title: "Bad Request", status: 400, detail, instance, code: "VALIDATION", errors });
}

/** Expected failures become problems; anything else is a bug and is rethrown for the caller to log. */
export function problemFromError(err: unknown, instance: string): Response {
  if (isAppError(err)) return appErrorProblem(err, instance);
  if (isSecretsError(err)) return secretsErrorProblem(err, instance);
  if (err instanceof core.$ZodError) return validationProblem(err, instance);
  throw err;
}

export function internalProblem(instance: string): Response {
  return problem({
    type: PROBLEM_TYPES.internal,
    title: "Internal Server Error",
    status: 500,
    detail: "Something went wrong on our side; it has been logged.",
    instance,
  });
}
