// The wire protocol between the console and its on-prem agents (docs/agent.md). Shared by the console's route
// handlers and the agent process, so it imports neither the data layer nor Next: zod schemas and constants only.
// The agent dials out: hello → long-poll for jobs → (ack, for a job still running after ACK_GRACE_MS) → result (→ bye). Nothing here ever carries a value the
// agent resolved; a job for "fields as today" may carry values the console resolved, never the reverse.
import { z } from "zod";
import { CONNECTION_TYPES, CREDENTIAL_FIELDS } from "@/lib/connections/types";

export const AGENT_API_PREFIX = "/api/agent/v1";
/** How long a poll is held open when no job is waiting: short, so "last seen" stays fresh and a dead agent shows. */
export const POLL_HOLD_MS = 2_000;
/** An agent not seen for this long is disconnected (a healthy one polls every POLL_HOLD_MS at most). */
export const AGENT_STALE_MS = 4_500;
/** A dispatched job not acknowledged within this, by an agent that dropped, goes once to another agent. */
export const ACK_TIMEOUT_MS = 1_500;
/** Not acknowledged within this even by an agent that still polls (its answer was lost): the same. */
export const ACK_HARD_TIMEOUT_MS = 5_000;
/**
 * An agent acknowledges a job only once it has run this long: a result within it is the acknowledgement (one
 * request instead of two for the usual quick job). Well under ACK_TIMEOUT_MS, so a slow job is never re-queued.
 */
export const ACK_GRACE_MS = 300;

export const PROFILE_KINDS = ["postgres", "http"] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

const name = z.string().trim().min(1).max(100);

/** What an agent advertises about one connection profile: its name, kind and a version hash, never values. */
export const advertisedProfileSchema = z.strictObject({ name, kind: z.enum(PROFILE_KINDS), version: z.string().regex(/^[0-9a-f]{12}$/) });
export type AdvertisedProfile = z.infer<typeof advertisedProfileSchema>;

export const helloSchema = z.strictObject({
  host: z.string().trim().min(1).max(255),
  version: z.string().trim().min(1).max(50),
  profiles: z.array(advertisedProfileSchema).max(200),
});
export type Hello = z.infer<typeof helloSchema>;

export const helloAnswerSchema = z.object({ sessionId: z.uuid(), group: z.string(), pollHoldMs: z.number() });
export type HelloAnswer = z.infer<typeof helloAnswerSchema>;

export const sessionBodySchema = z.object({ sessionId: z.uuid() });

/** A connection test: by profile name (the agent's config has fields and secrets) or with the console's fields. */
export const connectionTestPayloadSchema = z.union([
  z.object({ mode: z.literal("profile"), type: z.enum(CONNECTION_TYPES), profile: name }),
  z.object({
    mode: z.literal("fields"),
    type: z.enum(CONNECTION_TYPES),
    settings: z.record(z.string(), z.unknown()),
    values: z.partialRecord(z.enum(CREDENTIAL_FIELDS), z.string()),
  }),
]);
export type ConnectionTestPayload = z.infer<typeof connectionTestPayloadSchema>;

/** Largest request body a forwarded provider request may carry (a Vault login or read is a few hundred bytes). */
export const FORWARD_MAX_REQUEST_BYTES = 64 * 1024;
/** Largest response body the agent forwards back (a Vault KV read or a LIST page); larger is an error. */
export const FORWARD_MAX_RESPONSE_BYTES = 1024 * 1024;
const base64Of = (bytes: number) => z.string().max(Math.ceil(bytes / 3) * 4, `Larger than ${bytes / 1024} KiB.`);
const headerMap = z.record(z.string().max(100), z.string().max(8_000)).check(z.refine((h) => Object.keys(h).length <= 50, "Too many headers."));

/**
 * One provider request the agent forwards as it is (cloud profiles, docs/agent.md): an opaque tunnel. The
 * console keeps retries, caching and error classification; the agent sends it once, only to an origin its own
 * config allows, and never follows a redirect.
 */
export const httpForwardPayloadSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "LIST"]),
  url: z.url({ protocol: /^https?$/ }),
  headers: headerMap,
  bodyBase64: base64Of(FORWARD_MAX_REQUEST_BYTES).optional(),
});
export type HttpForwardPayload = z.infer<typeof httpForwardPayloadSchema>;

export const JOB_KINDS = ["connection.test", "http.forward"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const jobMessageSchema = z.discriminatedUnion("kind", [
  z.object({ id: z.uuid(), kind: z.literal("connection.test"), deadlineAt: z.number(), payload: connectionTestPayloadSchema }),
  z.object({ id: z.uuid(), kind: z.literal("http.forward"), deadlineAt: z.number(), payload: httpForwardPayloadSchema }),
]);
export type JobMessage = z.infer<typeof jobMessageSchema>;

export const pollAnswerSchema = z.object({ jobs: z.array(jobMessageSchema) });
export type PollAnswer = z.infer<typeof pollAnswerSchema>;

const message = z.string().max(2_000);

/** One step of a test run on the agent: a secret it resolved (by name) or the target itself. */
export const testStepSchema = z.object({ step: z.string().max(200), ok: z.boolean(), ms: z.number(), message });
export const connectionTestResultSchema = z.object({ ok: z.boolean(), ms: z.number(), message, steps: z.array(testStepSchema).max(20) });
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

/** The provider's answer as it is (status, headers, body), or why the agent could not send the request. */
export const httpForwardResultSchema = z.union([
  z.object({ status: z.number().int().min(100).max(599), headers: headerMap, bodyBase64: base64Of(FORWARD_MAX_RESPONSE_BYTES) }),
  z.object({ error: message, refused: z.boolean().optional() }),
]);
export type HttpForwardResult = z.infer<typeof httpForwardResultSchema>;

export const RESULT_SCHEMAS = { "connection.test": connectionTestResultSchema, "http.forward": httpForwardResultSchema } as const;
export type JobResult<K extends JobKind> = z.infer<(typeof RESULT_SCHEMAS)[K]>;

/**
 * `kind` (the job's, as the agent received it) spares the console a read: the result is validated against that
 * kind's schema and stored only if the job really is of that kind (409 otherwise). Optional for older agents.
 */
export const resultBodySchema = z.object({ sessionId: z.uuid(), kind: z.enum(JOB_KINDS).optional(), result: z.unknown() });
