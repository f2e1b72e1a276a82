// Workflow errors are RFC 9457 Problem Details with the DSL's standard type URIs and default statuses, and
// `instance` = the JSON pointer of the task that raised them (docs/workflows.md "Errors").
export const ERROR_TYPES = {
  configuration: "https://serverlessworkflow.io/spec/1.0.0/errors/configuration",
  validation: "https://serverlessworkflow.io/spec/1.0.0/errors/validation",
  expression: "https://serverlessworkflow.io/spec/1.0.0/errors/expression",
  authentication: "https://serverlessworkflow.io/spec/1.0.0/errors/authentication",
  authorization: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization",
  timeout: "https://serverlessworkflow.io/spec/1.0.0/errors/timeout",
  communication: "https://serverlessworkflow.io/spec/1.0.0/errors/communication",
  runtime: "https://serverlessworkflow.io/spec/1.0.0/errors/runtime",
} as const;

export type ErrorKind = keyof typeof ERROR_TYPES;

const DEFAULTS: Record<ErrorKind, { status: number; title: string }> = {
  configuration: { status: 400, title: "Configuration Error" },
  validation: { status: 400, title: "Validation Error" },
  expression: { status: 400, title: "Expression Error" },
  authentication: { status: 401, title: "Authentication Error" },
  authorization: { status: 403, title: "Authorization Error" },
  timeout: { status: 408, title: "Timeout" },
  communication: { status: 500, title: "Communication Error" },
  runtime: { status: 500, title: "Runtime Error" },
};

export interface Problem {
  type: string;
  status: number;
  title?: string;
  detail?: string;
  instance?: string;
}

/** A raised workflow error. `instance` is filled in by the task runner when the raiser did not know it. */
export class WorkflowError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.type);
    this.name = "WorkflowError";
  }

  withInstance(instance: string): WorkflowError {
    return this.problem.instance ? this : new WorkflowError({ ...this.problem, instance });
  }
}

export function workflowError(kind: ErrorKind, detail: string, extra: { status?: number; instance?: string } = {}): WorkflowError {
  const d = DEFAULTS[kind];
  return new WorkflowError({
    type: ERROR_TYPES[kind],
    status: extra.status ?? d.status,
    title: d.title,
    detail,
    ...(extra.instance ? { instance: extra.instance } : {}),
  });
}

/** Anything thrown inside a task becomes a Problem; unexpected throws are runtime errors without their stack. */
export function toWorkflowError(err: unknown, instance: string): WorkflowError {
  if (err instanceof WorkflowError) return err.withInstance(instance);
  const message = err instanceof Error ? err.message : String(err);
  return workflowError("runtime", message, { instance });
}
