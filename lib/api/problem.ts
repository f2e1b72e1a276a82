// RFC 9457 problem details. Missing or unauthorized secrets and failed authentication use the Serverless
// Workflow error types existing automation already understands (DESIGN.md).
export const PROBLEM_TYPES = {
  authorization: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization",
  authentication: "https://serverlessworkflow.io/spec/1.0.0/errors/authentication",
  notFound: "https://keyhold.dev/problems/not-found",
  unavailable: "https://keyhold.dev/problems/provider-unavailable",
  badRequest: "https://keyhold.dev/problems/bad-request",
} as const;

export interface ProblemInit {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problem(init: ProblemInit, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(init), { status: init.status, headers: { "content-type": "application/problem+json", ...headers } });
}

export function unauthenticated(instance: string, detail = "A valid workspace API token is required (Authorization: Bearer <token>)."): Response {
  return problem({ type: PROBLEM_TYPES.authentication, title: "Unauthorized", status: 401, detail, instance }, { "www-authenticate": 'Bearer realm="keyhold"' });
}

export function notFoundProblem(instance: string, detail: string): Response {
  return problem({ type: PROBLEM_TYPES.notFound, title: "Not Found", status: 404, detail, instance });
}
