// Authentication policies (DSL 1.0.0 "Authentication"): basic, bearer, and oauth2 client_credentials with the
// token cached for its lifetime. A policy's configuration is inline (with $SECRETS/$secrets) or `use: <secret>`,
// a JSON secret holding the whole configuration. Derived credentials join the scrubber too.
import { createHash } from "node:crypto";
import { workflowError } from "../errors";
import { evaluateDeep } from "../expressions/evaluate";
import { secretsIn } from "../secret-refs";
import { exprVars, type RunContext, type TaskScope } from "./context";
import { safeUrl, send } from "./fetch";
import { secretsForExpressions } from "./secrets";
import { strings } from "../validate/walk";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function policyOf(ctx: RunContext, auth: unknown): Obj | null {
  if (!isObj(auth)) return null;
  if (typeof auth.use === "string") {
    const all = isObj(ctx.workflow.use) && isObj((ctx.workflow.use as Obj).authentications) ? ((ctx.workflow.use as Obj).authentications as Obj) : {};
    const named = all[auth.use];
    if (!isObj(named)) throw workflowError("configuration", `No authentication policy named '${auth.use}' under use.authentications.`);
    return named;
  }
  return auth;
}

/** Every secret a policy reads, so the HTTP task can read them in one batch. */
export function policySecrets(policy: Obj): string[] {
  const names: string[] = [];
  for (const kind of ["basic", "bearer", "oauth2"]) {
    const cfg = policy[kind];
    if (isObj(cfg) && typeof cfg.use === "string") names.push(cfg.use);
    else for (const { text } of strings(cfg)) names.push(...secretsIn(text));
  }
  return names;
}

async function config(ctx: RunContext, scope: TaskScope, cfg: unknown, values: Record<string, string>): Promise<Obj> {
  if (isObj(cfg) && typeof cfg.use === "string") {
    try {
      const parsed: unknown = JSON.parse(values[cfg.use] ?? "");
      if (isObj(parsed)) return parsed;
    } catch {
      // reported below without the value
    }
    throw workflowError("configuration", `Secret '${cfg.use}' must hold a JSON object for \`use\` in an authentication policy.`);
  }
  return (await evaluateDeep(ctx.ev, cfg, scope.input, exprVars(ctx, scope, { secrets: secretsForExpressions(values) }), { plainSecrets: values })) as Obj;
}

/** The Authorization header value for `policy`. */
export async function authorize(ctx: RunContext, scope: TaskScope, policy: Obj, values: Record<string, string>): Promise<string> {
  if (policy.basic !== undefined) {
    const c = await config(ctx, scope, policy.basic, values);
    const encoded = Buffer.from(`${String(c.username ?? "")}:${String(c.password ?? "")}`).toString("base64");
    ctx.scrubber.add(encoded);
    return `Basic ${encoded}`;
  }
  if (policy.bearer !== undefined) {
    const c = await config(ctx, scope, policy.bearer, values);
    return `Bearer ${String(c.token ?? "")}`;
  }
  if (policy.oauth2 !== undefined)
    return `Bearer ${await clientCredentials(ctx, scope, await config(ctx, scope, policy.oauth2, values), policySecrets(policy))}`;
  throw workflowError("configuration", "This authentication policy is not supported by this runtime.");
}

async function clientCredentials(ctx: RunContext, scope: TaskScope, c: Obj, secrets: string[]): Promise<string> {
  const client = isObj(c.client) ? c.client : {};
  const endpoints = isObj(c.endpoints) ? c.endpoints : {};
  const authority = String(c.authority ?? "").replace(/\/+$/, "");
  const tokenUrl = new URL(String(endpoints.token ?? "/oauth2/token").replace(/^\/?/, "/"), `${authority}/`).toString();
  const id = String(client.id ?? "");
  const secret = String(client.secret ?? "");
  const scopes = Array.isArray(c.scopes) ? c.scopes.map(String) : [];
  const audiences = Array.isArray(c.audiences) ? c.audiences.map(String) : [];
  const key = createHash("sha256")
    .update(JSON.stringify([tokenUrl, id, secret, scopes, audiences]))
    .digest("hex");
  const cached = ctx.tokens.get(key);
  if (cached) {
    ctx.scrubber.add(cached.token);
    return cached.token;
  }
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (client.authentication === "client_secret_basic") {
    const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64");
    ctx.scrubber.add(basic);
    headers.authorization = `Basic ${basic}`;
  } else {
    form.set("client_id", id);
    form.set("client_secret", secret);
  }
  if (scopes.length > 0) form.set("scope", scopes.join(" "));
  if (audiences.length > 0) form.set("audience", audiences.join(" "));
  const res = await send(ctx, tokenUrl, {
    method: "POST",
    headers,
    body: form.toString(),
    signal: scope.signal,
    secretBearing: true,
    secrets,
    task: scope.pointer,
  });
  if (res.status < 200 || res.status > 299) {
    throw workflowError("authentication", `The token endpoint ${safeUrl(tokenUrl)} answered ${res.status}: ${res.text.slice(0, 300)}`, { status: 401 });
  }
  let body: Obj;
  try {
    body = JSON.parse(res.text) as Obj;
  } catch {
    throw workflowError("authentication", `The token endpoint ${safeUrl(tokenUrl)} did not answer JSON.`, { status: 401 });
  }
  const token = body.access_token;
  if (typeof token !== "string" || token === "")
    throw workflowError("authentication", `The token endpoint ${safeUrl(tokenUrl)} returned no access_token.`, { status: 401 });
  ctx.scrubber.add(token);
  const lifetime = typeof body.expires_in === "number" ? body.expires_in : 300;
  // Renew a little early, so a token does not expire on its way to the target.
  ctx.tokens.set(key, { token, expiresAt: Date.now() + Math.max(0, lifetime - 30) * 1000 });
  return token;
}
