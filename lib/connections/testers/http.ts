// HTTP API test: one GET of the test path with the resolved auth, to the address the egress policy checked
// (the lookup is pinned, so DNS cannot change the answer between the check and the connection). Redirects
// are reported, never followed: following one would carry the credentials to a destination nobody checked.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveAllowed, type CheckedAddress } from "../egress";
import { headerNameProblem, RequestTargetError, testRequestUrl } from "../request-target";
import type { Tester, TesterInput, TargetReport } from "./types";

export function pinnedLookup(target: CheckedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

export function authHeaders(settings: Record<string, unknown>, values: TesterInput["values"]): Record<string, string> {
  const problem = settings.authKind === "header" ? headerNameProblem(String(settings.headerName)) : null;
  if (problem) throw new RequestTargetError(problem);
  switch (settings.authKind) {
    case "bearer":
      return { authorization: `Bearer ${values.token ?? ""}` };
    case "basic":
      return { authorization: `Basic ${Buffer.from(`${values.user ?? ""}:${values.password ?? ""}`).toString("base64")}` };
    case "header":
      return { [String(settings.headerName)]: values.header_value ?? "" };
    default:
      return {};
  }
}

export interface Answer {
  status: number;
  location?: string;
}

export function request(url: URL, options: https.RequestOptions, timeoutMs: number): Promise<Answer> {
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { ...options, method: "GET", timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.end();
  });
}

export function describeStatus(url: URL, { status, location }: Answer, started: number): TargetReport {
  const ms = Math.round(performance.now() - started);
  if (status >= 200 && status < 300) return { ok: true, ms, message: `${url.origin} answered ${status}.` };
  if (status >= 300 && status < 400) {
    const where = location ? ` to ${location.slice(0, 200)}` : "";
    return {
      ok: false,
      ms,
      message: `${url.origin} answered ${status}: redirected${where}, not followed. Point the base URL or test path at the final address.`,
    };
  }
  if (status === 401 || status === 403) return { ok: false, ms, message: `${url.origin} refused the credentials (${status}).` };
  return { ok: false, ms, message: `${url.origin} answered ${status}.` };
}

export const testHttp: Tester = async ({ settings, values, egress, timeoutMs }) => {
  const started = performance.now();
  let url: URL, headers: Record<string, string>;
  try {
    url = testRequestUrl(String(settings.baseUrl), String(settings.testPath ?? "/"));
    headers = { "user-agent": "Keyhold connection test", ...authHeaders(settings, values) };
  } catch (err) {
    if (err instanceof RequestTargetError) return { ok: false, ms: 0, message: `Not sent: ${err.message}` };
    throw err;
  }
  const target = await resolveAllowed(url.hostname, egress, { port: portOf(url) });
  try {
    return describeStatus(url, await request(url, { headers, lookup: pinnedLookup(target) }, timeoutMs), started);
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      message: `${url.origin} could not be reached: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
};

export function portOf(url: URL): number {
  return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}
