import "server-only";
// One shape for every route handler: authenticate (API token, session, or nobody) → parse path params, query
// and JSON body with zod → run → map failures to problem+json (lib/api/problem.ts). Bad params are 404 (the
// address names nothing), a bad query or body 400, never 500; an unknown error is logged and answers a 500
// problem without detail.
import { unstable_rethrow } from "next/navigation";
import { OPERATION_SCOPES, type ScopedOperation } from "@/lib/api-contract/scopes";
import type { UserActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/authorize";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { AppError } from "@/lib/errors";
import type { TokenScope } from "@/lib/auth/token-scopes";
import { isValidRequestId, REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { log, withRequestId } from "@/lib/log";
import { bearerIdentity } from "./bearer";
import { requireScopeHeld } from "./token-scope";
import { internalProblem, problem, PROBLEM_TYPES, problemFromError, validationProblem } from "./problem";

/** Proves who calls, or throws AppError (UNAUTHENTICATED → 401, FORBIDDEN → 403). */
export type Authenticate<W> = (request: Request) => Promise<W>;

/**
 * A workspace API token holding `scope` (lib/auth/token-scopes.ts). The project limit is checked once the
 * route knows the project: with requireTokenScope (lib/api/token-scope.ts), through the actor helpers.
 */
export function bearerToken(scope: TokenScope): Authenticate<ApiTokenIdentity> {
  return async (request) => {
    const identity = await bearerIdentity(request);
    if (!identity) throw new AppError("UNAUTHENTICATED", "A valid workspace API token is required (Authorization: Bearer <token>).");
    requireScopeHeld(identity, scope);
    return identity;
  };
}

/**
 * The console's session, or an API token holding `scope` (the secret browser): an Authorization header means
 * a token, and a bad one is a 401 rather than a fall back to the cookie.
 */
export function sessionOrBearer(scope: TokenScope): Authenticate<UserActor | ApiTokenIdentity> {
  const token = bearerToken(scope);
  return async (request) => (request.headers.has("authorization") ? token(request) : requireUser());
}

export function isTokenCaller(who: UserActor | ApiTokenIdentity): who is ApiTokenIdentity {
  return "tokenId" in who;
}

/** The token an operation of the public API needs (its scope from lib/api-contract/scopes.ts). */
export const tokenFor = (operation: ScopedOperation) => bearerToken(OPERATION_SCOPES[operation]);

/** The same, for operations the console's own pages call with the session cookie too (the secret browser). */
export const tokenOrSessionFor = (operation: ScopedOperation) => sessionOrBearer(OPERATION_SCOPES[operation]);

/** The console's session (the browser's own reads); the handler then authorizes with requireWorkspace/Project. */
export const session: Authenticate<UserActor> = () => requireUser();

/** Health probes: nothing to prove. */
export const nobody: Authenticate<null> = async () => null;

type Parse<T> = { safeParse(data: unknown): { success: true; data: T } | { success: false; error: import("zod/mini").core.$ZodError } };

export interface RouteSpec<W, P, Q, B> {
  auth: Authenticate<W>;
  params?: Parse<P>;
  /** The detail of the 404 a malformed path parameter gets. */
  notFound?: string;
  query?: Parse<Q>;
  body?: Parse<B>;
  run: (ctx: { request: Request; who: W; params: P; query: Q; body: B; instance: string }) => Promise<Response>;
}

export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function handle<W, P, Q, B>(spec: RouteSpec<W, P, Q, B>, request: Request, context: RouteContext, instance: string): Promise<Response> {
  const who = await spec.auth(request);
  const params = spec.params ? spec.params.safeParse(await context.params) : { success: true as const, data: undefined as P };
  if (!params.success) throw new AppError("NOT_FOUND", spec.notFound ?? "Nothing exists at this address.");
  const query = spec.query ? spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams)) : { success: true as const, data: undefined as Q };
  if (!query.success) return validationProblem(query.error, instance, "The query string is not valid.");
  let body = undefined as B;
  if (spec.body) {
    const json = await readJson(request);
    if (!json.ok)
      return problem({
        type: PROBLEM_TYPES.badRequest,
        title: "Bad Request",
        status: 400,
        detail: "The body is not valid JSON.",
        instance,
        code: "VALIDATION",
      });
    const parsed = spec.body.safeParse(json.value);
    if (!parsed.success) return validationProblem(parsed.error, instance, "The body is not valid.");
    body = parsed.data;
  }
  return spec.run({ request, who, params: params.data, query: query.data, body, instance });
}

export function apiRoute<W, P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<W, P, Q, B>) {
  return async function route(request: Request, context: RouteContext): Promise<Response> {
    // The proxy sets the id (and returns it); a request that did not pass it gets one here.
    const given = request.headers.get(REQUEST_ID_HEADER);
    const requestId = isValidRequestId(given) ? given : crypto.randomUUID();
    const response = await withRequestId(requestId, () => answer(spec, request, context));
    if (given === requestId) return response;
    try {
      response.headers.set(REQUEST_ID_HEADER, requestId);
      return response;
    } catch {
      return response; // immutable headers (a redirect): the id is still in the log
    }
  };
}

async function answer<W, P, Q, B>(spec: RouteSpec<W, P, Q, B>, request: Request, context: RouteContext): Promise<Response> {
  const instance = new URL(request.url).pathname;
  try {
    return await handle(spec, request, context, instance);
  } catch (err) {
    unstable_rethrow(err);
    try {
      return problemFromError(err, instance);
    } catch {
      log.error({ err, instance }, "route handler failed");
      return internalProblem(instance);
    }
  }
}
