// Calling a server action over HTTP the way React's client does (multipart: the form's fields under "_1_", the
// reply root "0" = [previous state, $K1]) and reading its answer: the ActionResult in the RSC payload, or a
// redirect. Every action takes one form, so a fixture is just its fields (action-fixtures.ts).
import { BASE } from "./surface";

export interface CallOutcome {
  status: number;
  /** The action's ActionResult when it answered one. */
  result?: { ok: boolean; message?: string };
  /** Where a redirect pointed. */
  redirect?: string;
}

export function actionBody(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", '[null,"$K1"]');
  return form;
}

/** The ActionResult in a flight payload: the row whose JSON has a boolean `ok`. */
function resultOf(payload: string): CallOutcome["result"] {
  for (const line of payload.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!json) continue;
    try {
      const row = JSON.parse(json) as { ok?: unknown; message?: unknown };
      if (typeof row.ok === "boolean") return { ok: row.ok, message: typeof row.message === "string" ? row.message : undefined };
    } catch {
      // not a JSON row
    }
  }
  return undefined;
}

export async function callAction(page: string, actionId: string, fields: Record<string, string>, headers: Record<string, string>): Promise<CallOutcome> {
  const response = await fetch(`${BASE}${page}`, {
    method: "POST",
    headers: { "next-action": actionId, accept: "text/x-component", origin: BASE, ...headers },
    body: actionBody(fields),
    redirect: "manual",
  });
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect") ?? response.headers.get("location") ?? undefined;
  return { status: response.status, result: resultOf(text), redirect: redirect ?? undefined };
}

/** What authorization refusals say (lib/auth/authorize.ts and the data layer's FORBIDDEN messages). */
const REFUSAL = /^(Only |You are not a member|Your session has ended|Set a new password first|Unknown (workspace|project)\.|This needs a signed-in person)/;

/** `isPublic`: signing out redirects to /login on success, so a redirect there is a refusal only elsewhere. */
export function actionRefused(outcome: CallOutcome, isPublic = false): boolean {
  if (outcome.status === 401 || outcome.status === 403) return true;
  if (!isPublic && outcome.redirect?.startsWith("/login")) return true;
  return outcome.result?.ok === false && REFUSAL.test(outcome.result.message ?? "");
}
