// The RFC 9457 problem+json body every failure of the public API answers with (lib/api/problem.ts builds
// them; docs/errors.md lists the types). Loose: a problem may carry extensions (a SecretsError's category,
// fix, command …), so clients must ignore members they do not know.
import { z } from "zod";

export const problemFieldErrorSchema = z.looseObject({
  field: z.string().optional().describe("The form field, query parameter or credential field that failed."),
  detail: z.string().optional(),
  reference: z.string().optional().describe("The secret reference (never its value) that failed."),
  code: z.string().optional(),
  fix: z.string().optional(),
});

export const problemSchema = z.looseObject({
  type: z.string().describe("A URI naming the kind of problem (docs/errors.md)."),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional().describe("What went wrong, for a person; never a secret value."),
  instance: z.string().optional().describe("The request path."),
  code: z.string().optional().describe("The AppError or SecretsError code, for clients that branch on it."),
  category: z.enum(["authorization", "authentication", "unavailable", "configuration", "invalid_request"]).optional(),
  fix: z.string().optional().describe("What an admin should change."),
  errors: z.array(problemFieldErrorSchema).optional(),
});

/** What each status means across the API; an operation lists the ones it can answer. */
export const PROBLEM_STATUSES = {
  400: "The query or body is not valid (`errors` names each field), or the provider found the request malformed.",
  401: "No valid credentials: a missing, unknown, revoked or expired token, or no session.",
  403: "The token's scope or the user's role does not allow this, or a secret is missing or not authorized at the provider.",
  404: "Nothing with this id in the caller's workspace (another workspace's ids are not found either).",
  409: "The request conflicts with the current state.",
  429: "Too many requests; try again later.",
  503: "The secrets provider did not answer; retry after the `Retry-After` header.",
} as const;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;
