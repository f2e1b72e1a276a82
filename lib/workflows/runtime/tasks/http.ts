// `call: http` (DSL 1.0.0 "HTTP Call"): secrets are read only here (headers, query, body, authentication),
// the request goes through the injected fetch, a 3xx is an error unless `redirect: true`, and the output
// is the content, the response, or the raw body (base64).
import { workflowError } from "../../errors";
import { evaluateDeep, evaluateValue } from "../../expressions/evaluate";
import { mentionsSecrets, secretsIn } from "../../secret-refs";
import { strings } from "../../validate/walk";
import { authorize, policyOf, policySecrets } from "../auth";
import { exprVars, type RunContext, type TaskScope } from "../context";
import { safeUrl, send } from "../fetch";
import { secretsForExpressions } from "../secrets";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{name}` in an endpoint is replaced from the task input (URI template, level 1). */
function expandTemplate(uri: string, input: unknown): string {
  return uri.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = isObj(input) ? input[name] : undefined;
    return v === undefined || v === null ? whole : encodeURIComponent(String(v));
  });
}

function requestBody(body: unknown, headers: Record<string, string>): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  return JSON.stringify(body);
}

export async function runHttpCall(ctx: RunContext, scope: TaskScope): Promise<unknown> {
  const w = (scope.task.with ?? {}) as Obj;
  const endpoint = isObj(w.endpoint) ? w.endpoint : { uri: w.endpoint };
  const policy = policyOf(ctx, endpoint.authentication);
  const wanted = [...strings({ h: w.headers, q: w.query, b: w.body })].flatMap(({ text }) => secretsIn(text));
  const values = await ctx.secrets.read([...wanted, ...(policy ? policySecrets(policy) : [])], scope.pointer, scope.signal);
  const vars = exprVars(ctx, scope, { secrets: secretsForExpressions(values) });
  const deep = (v: unknown) => evaluateDeep(ctx.ev, v, scope.input, vars, { plainSecrets: values });

  const uri = expandTemplate(String(await evaluateValue(ctx.ev, endpoint.uri, scope.input, exprVars(ctx, scope))), scope.input);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw workflowError("configuration", "The endpoint is not an absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw workflowError("configuration", `Only http and https endpoints are supported, not ${url.protocol}`);
  const query = (await deep(w.query ?? {})) as Obj;
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.append(k, String(v));
  const headers = Object.fromEntries(Object.entries(((await deep(w.headers ?? {})) as Obj) ?? {}).map(([k, v]) => [k, String(v)]));
  if (policy) headers.authorization = await authorize(ctx, scope, policy, values);
  const body = requestBody(await deep(w.body), headers);
  const method = String(w.method ?? "get").toUpperCase();

  const secretBearing = policy !== null || Object.keys(values).length > 0;
  const res = await send(ctx, url.toString(), {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: scope.signal,
    secretBearing,
    secrets: Object.keys(values),
    task: scope.pointer,
  });
  const redirectOk = w.redirect === true && res.status >= 300 && res.status <= 399;
  if ((res.status < 200 || res.status > 299) && !redirectOk) {
    const moved =
      res.status >= 300 && res.status <= 399
        ? ` (redirect to ${res.headers.location ? safeUrl(res.headers.location) : "?"}, not followed; set \`redirect: true\` to handle it)`
        : "";
    throw workflowError("communication", `${method} ${safeUrl(url.toString())} answered ${res.status}${moved}: ${res.text.slice(0, 500)}`, {
      status: res.status,
    });
  }
  const content = parseContent(res.text, res.headers["content-type"]);
  if (w.output === "raw") return res.body.toString("base64");
  if (w.output === "response") {
    const requestHeaders = Object.fromEntries(Object.keys(headers).map((k) => [k, secretHeader(k, w.headers) ? "[REDACTED]" : headers[k]]));
    return { request: { method, uri: safeUrl(url.toString()), headers: requestHeaders }, statusCode: res.status, headers: res.headers, content };
  }
  return content;
}

/** Request headers that carry credentials are not echoed into the task output, even transformed. */
function secretHeader(name: string, defined: unknown): boolean {
  if (name === "authorization") return true;
  if (!isObj(defined)) return typeof defined === "string" && mentionsSecrets(defined);
  const v = defined[name];
  return typeof v === "string" && mentionsSecrets(v);
}

function parseContent(text: string, type: string | undefined): unknown {
  if (text === "") return null;
  if (type && /[/+]json\b/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
