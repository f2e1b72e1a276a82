// The request gate proxy.ts runs before Next (docs/threat-model.md "Requests Next itself answers with 500").
// Next checks a server action's Origin and parses its body itself, and answers every failure with HTTP 500
// before application code runs. The gate refuses those requests first, with a problem+json body:
//   - a cross-origin (or `Origin: null`) server action or page POST → 403;
//   - a server action or page POST whose body is not multipart/form-data → 415;
//   - a multipart body that does not parse, or whose React reply is not "(previous state, form)" → 400;
//   - the same Origin and content-type rules for cookie-authenticated unsafe requests to /api (bearer tokens
//     are not sent by browsers on their own, so they cannot be forged cross-site).
// Every console action takes a FormData (lib/actions/safe-action.ts), so a reply of any other shape is forged.

export const SESSION_COOKIE_NAME = "kh_session";
/** Next's default server-action body limit; above it Next answers 500 too. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PROBLEM_BASE = "https://keyhold.dev/problems/";

export interface GateOptions {
  /** The console's public URL (PUBLIC_URL) when it is served behind a proxy under another origin. */
  publicUrl?: string;
}

function refuse(status: number, slug: string, title: string, detail: string, instance: string): Response {
  const body = { type: `${PROBLEM_BASE}${slug}`, title, status, detail, instance, code: slug.toUpperCase().replaceAll("-", "_") };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } });
}

/** Whether the browser says the request comes from the console's own origin (absent Origin: not a browser form). */
export function originAllowed(request: Request, options: GateOptions): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) {
    // Browsers send Origin on every POST; without one only Sec-Fetch-Site can tell a cross-site request.
    const site = request.headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  if (origin === "null") return false;
  let host: string;
  let parsedOrigin: string;
  try {
    const url = new URL(origin);
    host = url.host;
    parsedOrigin = url.origin;
  } catch {
    return false;
  }
  if (options.publicUrl) return parsedOrigin === new URL(options.publicUrl).origin;
  // Same origin as Next itself decides it: the Origin's host against the Host the request was sent to.
  const own = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return own !== null && own.split(",")[0]!.trim() === host;
}

const isMultipart = (type: string) => /^multipart\/form-data\s*;.*\bboundary=("?)[^";]+\1/i.test(type);
const isJsonOrNone = (type: string | null) => type === null || /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type);

/** A `$`-string React's reply decoder resolves to a plain value; anything else (references, promises, server functions) is refused. */
// A previous state that holds one object twice (a test report's error, say) comes back with the second as a path
// into the reply's own root part ("$0:data:steps:0:error"): plain data too.
const PLAIN_SPECIAL = /^\$(?:\$[\s\S]*|undefined|NaN|Infinity|-Infinity|-0|D[-+\dT:.Z]+|n-?\d+|0(?::[\w$-]+)+)?$/;

function plainValue(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_SPECIAL.test(value);
  if (value === null || typeof value !== "object") return true;
  return Object.values(value).every((v) => plainValue(v, depth + 1));
}

/** The console's replies: `[form]` or `[previousState, form]`, the form a `$K<n>` FormData reference. */
export function replyShapeOk(form: FormData): boolean {
  const root = form.get("0");
  if (typeof root !== "string") return false;
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return false;
  }
  if (!Array.isArray(args) || args.length < 1 || args.length > 2) return false;
  const last = args[args.length - 1];
  if (typeof last !== "string" || !/^\$K\d{1,6}$/.test(last)) return false;
  return args.length === 1 || plainValue(args[0]);
}

async function readForm(request: Request): Promise<{ ok: true; form: FormData } | { ok: false; tooLarge: boolean }> {
  try {
    const bytes = await request.clone().arrayBuffer();
    if (bytes.byteLength > ACTION_BODY_LIMIT) return { ok: false, tooLarge: true };
    const form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, tooLarge: false };
  }
}

async function gateFormPost(request: Request, instance: string, isFetchAction: boolean): Promise<Response | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!isMultipart(type)) return refuse(415, "unsupported-media-type", "Unsupported Media Type", "Console forms are sent as multipart/form-data.", instance);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > ACTION_BODY_LIMIT) return refuse(413, "too-large", "Content Too Large", "The form is larger than 1 MB.", instance);
  const read = await readForm(request);
  if (!read.ok)
    return read.tooLarge
      ? refuse(413, "too-large", "Content Too Large", "The form is larger than 1 MB.", instance)
      : refuse(400, "bad-request", "Bad Request", "The form body could not be read. Reload the page and try again.", instance);
  if (isFetchAction && !replyShapeOk(read.form))
    return refuse(400, "bad-request", "Bad Request", "This request was not a form. Reload the page and try again.", instance);
  return null;
}

/** Null when the request may go on to Next; else the refusal to answer. */
export async function gateRequest(request: Request, options: GateOptions = {}): Promise<Response | null> {
  if (!UNSAFE.has(request.method)) return null;
  const url = new URL(request.url);
  const instance = url.pathname;
  const isFetchAction = request.headers.has("next-action");
  const isApi = url.pathname === "/api" || url.pathname.startsWith("/api/");
  if (isApi && !isFetchAction) {
    const cookieSession = !request.headers.has("authorization") && (request.headers.get("cookie") ?? "").includes(`${SESSION_COOKIE_NAME}=`);
    if (!cookieSession) return null;
    if (!originAllowed(request, options))
      return refuse(403, "cross-origin", "Forbidden", "Cross-origin requests with the console's session cookie are refused.", instance);
    if (!isJsonOrNone(request.headers.get("content-type")))
      return refuse(415, "unsupported-media-type", "Unsupported Media Type", "Send a JSON body (Content-Type: application/json).", instance);
    return null;
  }
  // A server action (Next-Action header) or any POST to a page (a form posted without JavaScript).
  if (!originAllowed(request, options))
    return refuse(403, "cross-origin", "Forbidden", "Cross-origin form posts are refused: open the console at its own address.", instance);
  return gateFormPost(request, instance, isFetchAction);
}
