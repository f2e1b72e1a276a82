// Keyhold's Serverless Workflow DSL 1.0.0 engine (docs/workflows.md). Pure: it reaches secrets only through
// `resolveSecrets`, the network only through `fetch`, and imports nothing from the database layer.
export { validate } from "./validate";
export { run, runToEnd } from "./runtime/run";
export { ERROR_TYPES, WorkflowError, workflowError, type ErrorKind, type Problem } from "./errors";
export { JqPool, closeSharedJqPool, sharedJqPool, type JqPoolOptions } from "./expressions/pool";
export { MemoryTokenCache, DEFAULT_LIMITS } from "./runtime/context";
export { REDACTED } from "./scrub";
export type {
  DestinationCheck,
  LogEntry,
  ResolveSecrets,
  RunLimits,
  RunOptions,
  RunResult,
  SecretOutcome,
  TokenCache,
  TraceEvent,
  ValidationProblem,
  ValidationResult,
  Workflow,
} from "./types";
