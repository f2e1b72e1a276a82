import "server-only";
// One shape for every server action: check the argument is a form → authorize with the ids the form names →
// parse the fields with zod → run → map expected failures to an ActionResult (docs/errors.md). Server actions
// are public POST endpoints, so none of these steps may be skipped, and each action only writes its success.
// Build actions with the variant for their authorization kind and export them as
// `export const fooAction = projectAction(...)`; the architecture test recognises these names.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { core } from "zod/mini";
import type { ActionResult } from "@/lib/action-result";
import type { ProjectActor, UserActor, WorkspaceActor } from "@/lib/auth/actor";
import { requireProject, requireUser, requireWorkspace } from "@/lib/auth/authorize";
import { requireRecentAuth } from "@/lib/auth/reauth";
import type { ProjectCapability, WorkspaceCapability } from "@/lib/auth/roles";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { isAppError } from "@/lib/errors";
import { requestIdFrom } from "@/lib/http/request-id";
import { log, withRequestId } from "@/lib/log";
import { isSecretsError } from "@/lib/secrets/errors";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validations/field-errors";

export type FormFields = Record<string, FormDataEntryValue>;

/** What a parser answers: zod's own safeParse result, or a parser's field errors. */
export type Parsed<I> = { success: true; data: I } | { success: false; error: core.$ZodError } | { success: false; fieldErrors: FieldErrors };

interface Schema<I> {
  safeParse(data: unknown): Parsed<I>;
}

/** A zod schema, or a parser that needs the actor (e.g. to know which credentials are already stored). */
export type InputParser<A, I> = Schema<I> | ((fields: FormFields, actor: A) => Parsed<I> | Promise<Parsed<I>>);

export interface ActionSpec<A, I, R> {
  input?: InputParser<A, I>;
  /** Answer this message alone on invalid input: forms made only of hidden fields have nothing to highlight. */
  invalidMessage?: string;
  /**
   * A sensitive action (docs/threat-model.md, "Re-authentication"): the session must have entered the password
   * within the last 5 minutes, else the action answers `reauthRequired` and the form opens the password prompt.
   * Checked right after authorization, before the input is read, so nothing runs on a stale session.
   */
  recentAuth?: true;
  run: (ctx: { actor: A; input: I; form: FormData }) => Promise<ActionResult<R>>;
}

/** The useActionState shape every form action has. */
export type FormAction<R> = (prev: ActionResult<R> | null, form: FormData) => Promise<ActionResult<R>>;

export const CHECK_FIELDS = "Check the highlighted fields.";
/** What a caller gets that posts JSON, text or nothing where a form is expected (a forged or stale request). */
export const NOT_A_FORM = "This request was not a form. Reload the page and try again.";

/** The one map from a thrown error to a failed result; Next's redirects and unknown errors (bugs) are rethrown. */
export function errorResult(err: unknown): ActionResult<never> {
  unstable_rethrow(err);
  if (isAppError(err)) {
    if (err.code === "REAUTH_REQUIRED") return { ok: false, message: err.message, reauthRequired: true };
    if (err.retryAfterSeconds !== undefined) return { ok: false, message: err.message, retryAfterSeconds: err.retryAfterSeconds };
    return err.field ? { ok: false, message: CHECK_FIELDS, fieldErrors: { [err.field]: [err.message] } } : { ok: false, message: err.message };
  }
  if (isSecretsError(err)) return { ok: false, message: `${err.message} ${err.fix}`.trim() };
  log.error({ err }, "server action failed");
  throw err;
}

function invalidResult(parsed: Exclude<Parsed<unknown>, { success: true }>, message?: string): ActionResult<never> {
  if (message) return { ok: false, message };
  return { ok: false, message: CHECK_FIELDS, fieldErrors: "error" in parsed ? fieldErrorsOf(parsed.error) : parsed.fieldErrors };
}

async function parseInput<A, I>(parser: InputParser<A, I> | undefined, form: FormData, actor: A): Promise<Parsed<I>> {
  if (!parser) return { success: true, data: undefined as I };
  const fields = Object.fromEntries(form) as FormFields;
  return typeof parser === "function" ? parser(fields, actor) : parser.safeParse(fields);
}

/** The core every variant shares; `authorize` reads the ids the form names and throws AppError when refused. */
/** The id the proxy gave this action's request (docs/operations.md "Request ids"); a new one outside a request. */
async function actionRequestId(): Promise<string> {
  try {
    return requestIdFrom(await headers());
  } catch {
    return crypto.randomUUID();
  }
}

export function defineAction<A, I, R = undefined>(authorize: (form: FormData) => Promise<A>, spec: ActionSpec<A, I, R>): FormAction<R> {
  return async function action(_prev, form) {
    return withRequestId(await actionRequestId(), () => runAction(authorize, spec, form));
  };
}

async function runAction<A, I, R>(authorize: (form: FormData) => Promise<A>, spec: ActionSpec<A, I, R>, form: unknown): Promise<ActionResult<R>> {
  if (!(form instanceof FormData)) return { ok: false, message: NOT_A_FORM };
  try {
    const actor = await authorize(form);
    if (spec.recentAuth) await requireRecentAuth(actor as { userId: number; apiTokenId?: number });
    const parsed = await parseInput(spec.input, form, actor);
    if (!parsed.success) return invalidResult(parsed, spec.invalidMessage);
    return await spec.run({ actor, input: parsed.data, form });
  } catch (err) {
    return errorResult(err);
  }
}

/** A stateless `<form action>` (sign-out): nothing to parse and nothing to answer but a redirect. */
interface PlainSpec {
  plain: true;
  run: () => Promise<void>;
}

/** Sign-in and sign-out: how one gets or ends a session, so there is nobody to authorize yet. */
export function publicAction(spec: PlainSpec): (form?: FormData) => Promise<void>;
export function publicAction<I, R = undefined>(spec: ActionSpec<null, I, R>): FormAction<R>;
export function publicAction<I, R>(spec: PlainSpec | ActionSpec<null, I, R>) {
  if ("plain" in spec) {
    const run = spec.run;
    return async function action(): Promise<void> {
      try {
        await run();
      } catch (err) {
        unstable_rethrow(err);
        log.error({ err }, "server action failed");
        throw err;
      }
    };
  }
  return defineAction(async () => null, spec);
}

export function userAction<I, R = undefined>(spec: ActionSpec<UserActor, I, R>, options: { allowPendingPasswordChange?: boolean } = {}): FormAction<R> {
  return defineAction(() => requireUser(options), spec);
}

export function workspaceAction<I, R = undefined>(need: WorkspaceCapability, spec: ActionSpec<WorkspaceActor, I, R>): FormAction<R> {
  return defineAction((form) => requireWorkspace(form.get("workspaceId"), need), spec);
}

export function projectAction<I, R = undefined>(need: ProjectCapability, spec: ActionSpec<ProjectActor, I, R>): FormAction<R> {
  return defineAction((form) => requireProject(form.get("workspaceId"), form.get("projectId"), need), spec);
}

/**
 * The owner of a secrets configuration the form addresses: a project (project admins and workspace admins) or
 * the workspace (workspace admins). Forms may name it "ownerProjectId" (empty = the workspace), because the
 * Google form's own "projectId" is the Google Cloud project.
 */
export function ownerAction<I, R = undefined>(spec: ActionSpec<OwnerActor, I, R>): FormAction<R> {
  return defineAction(async (form): Promise<OwnerActor> => {
    const projectId = form.has("ownerProjectId") ? form.get("ownerProjectId") : form.get("projectId");
    return projectId ? requireProject(form.get("workspaceId"), projectId, "project.admin") : requireWorkspace(form.get("workspaceId"), "workspace.admin");
  }, spec);
}
