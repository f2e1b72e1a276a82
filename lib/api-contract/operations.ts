// Every operation of the public API in one list: its path, who may call it, and the zod schemas of its
// parameters, body and answers. The route handlers import the same schemas and scopes, and ./document.ts turns
// this list into the OpenAPI document, so the contract and the code cannot drift (docs/api.md).
import type { z } from "zod";
import { bulkJobParamsSchema, bulkJobSchema } from "./bulk-jobs";
import { clearCacheResponseSchema } from "./cache";
import { connectionParamsSchema, connectionTestReportSchema } from "./connections";
import type { ProblemStatus } from "./problem";
import { OPERATION_SCOPES, type ScopedOperation } from "./scopes";
import { secretHealthQuerySchema, secretHealthSchema } from "./secret-health";
import { browsePageSchema, browserParamsSchema, listSecretsQuerySchema, secretKeysQuerySchema, secretKeysSchema } from "./secrets";
import { runAcceptedSchema, runParamsSchema, runSchema, startRunBodySchema, workflowParamsSchema } from "./workflows";

type Schema = z.ZodType;

export interface ApiOperation {
  id: string;
  method: "get" | "post";
  /** OpenAPI path template, e.g. /api/v1/connections/{connectionId}/test. */
  path: string;
  tag: "Cache" | "Connections" | "Workflows" | "Secret browser";
  summary: string;
  description: string;
  /**
   * A bearer token with this operation's scope (./scopes.ts), and/or the console's session cookie (`sessionRoles`
   * says who may use it that way).
   */
  auth: { kind: "token"; operation: ScopedOperation; sessionRoles?: string } | { kind: "session"; roles: string };
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: Schema;
  /** `name` is the schema's name under components.schemas (operations answering the same shape share it). */
  success: { status: 200 | 202; name: string; description: string; schema: Schema; headers?: Record<string, string> };
  problems: ProblemStatus[];
}

export const API_OPERATIONS: ApiOperation[] = [
  {
    id: "clearCache",
    method: "post",
    path: "/api/secrets_management/clear_cache",
    tag: "Cache",
    summary: "Clear the workspace's cached secrets",
    description: 'The compatible clear-cache API: no body, answers exactly {"success": true}. Rotated values are fetched on next use.',
    auth: { kind: "token", operation: "clearCache" },
    success: { status: 200, description: "The cache was cleared.", name: "ClearCacheResult", schema: clearCacheResponseSchema },
    problems: [401, 403],
  },
  {
    id: "refreshConnection",
    method: "post",
    path: "/api/v1/connections/{connectionId}/refresh",
    tag: "Connections",
    summary: "Refresh a connection's secrets and re-test it",
    description:
      "Drops the cached secrets this connection references (other connections using them refetch too), resolves again and re-tests. 200 when the test ran, even if the target refused (ok: false).",
    auth: { kind: "token", operation: "refreshConnection" },
    params: connectionParamsSchema,
    success: {
      status: 200,
      description: "The test ran; `ok` says whether the target accepted.",
      name: "ConnectionTestReport",
      schema: connectionTestReportSchema,
    },
    problems: [401, 403, 404, 503],
  },
  {
    id: "testConnection",
    method: "post",
    path: "/api/v1/connections/{connectionId}/test",
    tag: "Connections",
    summary: "Test a connection",
    description: "Resolves the connection's references through the cache, as a workflow run would, and connects to the target.",
    auth: { kind: "token", operation: "testConnection" },
    params: connectionParamsSchema,
    success: {
      status: 200,
      description: "The test ran; `ok` says whether the target accepted.",
      name: "ConnectionTestReport",
      schema: connectionTestReportSchema,
    },
    problems: [401, 403, 404, 503],
  },
  {
    id: "startWorkflowRun",
    method: "post",
    path: "/api/v1/projects/{projectId}/workflows/{namespace}/{name}/runs",
    tag: "Workflows",
    summary: "Start a workflow run",
    description: "Queues a run of the workflow's latest revision with an optional input and timeout; poll the returned location.",
    auth: { kind: "token", operation: "startWorkflowRun" },
    params: workflowParamsSchema,
    body: startRunBodySchema,
    success: {
      status: 202,
      description: "The run is queued.",
      name: "RunAccepted",
      schema: runAcceptedSchema,
      headers: { location: "Where to poll the run." },
    },
    problems: [400, 401, 403, 404],
  },
  {
    id: "getWorkflowRun",
    method: "get",
    path: "/api/v1/projects/{projectId}/workflows/{namespace}/{name}/runs/{runId}",
    tag: "Workflows",
    summary: "Read a workflow run",
    description: "The run's status, output or error, the secrets it read (names and references only) and its trace (outputs scrubbed).",
    auth: { kind: "token", operation: "getWorkflowRun" },
    params: runParamsSchema,
    success: { status: 200, description: "The run.", name: "WorkflowRun", schema: runSchema },
    problems: [401, 403, 404],
  },
  {
    id: "listSecrets",
    method: "get",
    path: "/api/v1/workspaces/{workspaceId}/secrets",
    tag: "Secret browser",
    summary: "List secret names",
    description: "One page of the provider's secrets: names, ready-to-insert references and who uses them. Listing calls only; no value is read.",
    auth: { kind: "token", operation: "listSecrets", sessionRoles: "workspace owners and admins; project editors with projectId" },
    params: browserParamsSchema,
    query: listSecretsQuerySchema,
    success: { status: 200, description: "A page of secrets.", name: "SecretsPage", schema: browsePageSchema },
    problems: [400, 401, 403, 404, 503],
  },
  {
    id: "listSecretKeys",
    method: "get",
    path: "/api/v1/workspaces/{workspaceId}/secrets/keys",
    tag: "Secret browser",
    summary: "List the JSON key names of one secret",
    description: "At most one value read (inside the reference policy only); names cached for the workspace's TTL; never a value in the answer.",
    auth: { kind: "token", operation: "listSecretKeys", sessionRoles: "workspace owners and admins; project editors with projectId" },
    params: browserParamsSchema,
    query: secretKeysQuerySchema,
    success: { status: 200, description: "The key names and their references.", name: "SecretKeys", schema: secretKeysSchema },
    problems: [400, 401, 403, 404, 503],
  },
  {
    id: "getSecretHealth",
    method: "get",
    path: "/api/v1/workspaces/{workspaceId}/secrets/health",
    tag: "Secret browser",
    summary: "Secret health",
    description:
      "Every secret a connection or workflow references, with its provider status, dates (changed, rotated, next rotation, expiry, deletion) and flags, and who uses it. Served from what the rotation poll stored: no provider call, no value.",
    auth: { kind: "token", operation: "getSecretHealth" },
    params: browserParamsSchema,
    query: secretHealthQuerySchema,
    success: { status: 200, description: "The workspace's secret health.", name: "SecretHealth", schema: secretHealthSchema },
    problems: [400, 401, 403, 404],
  },
  {
    id: "getBulkJob",
    method: "get",
    path: "/api/v1/workspaces/{workspaceId}/jobs/{jobId}",
    tag: "Secret browser",
    summary: "A bulk job's progress",
    description:
      "Counts (done, failed, remaining) and the result table of a bulk re-test or re-point started in the console. Reading it also resumes a job whose instance is gone.",
    auth: { kind: "session", roles: "workspace owners and admins" },
    params: bulkJobParamsSchema,
    success: { status: 200, description: "The job.", name: "BulkJob", schema: bulkJobSchema },
    problems: [401, 403, 404],
  },
];

export function scopeOf(op: ApiOperation): string | null {
  return op.auth.kind === "token" ? OPERATION_SCOPES[op.auth.operation] : null;
}
