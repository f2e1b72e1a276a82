import "server-only";
// The workflow's destination rule (docs/workflows.md): a workflow that declares secrets may send a
// secret-bearing request only to a host on its allow-list, which project admins set. Requests that carry no
// secret are left to the egress policy alone.
import type { DestinationCheck } from "@/lib/workflows";
import { workflowError } from "@/lib/workflows";

/** Whether `host:port` of a URL matches one pattern: `host`, `host:port` or `*.suffix` (any port unless given). */
export function hostMatches(pattern: string, url: URL): boolean {
  const m = /^(.*?)(?::(\d+))?$/.exec(pattern.toLowerCase())!;
  const [, hostPart, portPart] = m;
  const port = url.port || (url.protocol === "http:" ? "80" : "443");
  if (portPart && portPart !== port) return false;
  const host = url.hostname.toLowerCase();
  if (hostPart!.startsWith("*.")) return host.endsWith(hostPart!.slice(1)) && host.length > hostPart!.length - 1;
  return host === hostPart;
}

export function destinationChecker(allowed: readonly string[]): (request: DestinationCheck) => void {
  return (request) => {
    if (!request.secretBearing) return;
    const url = new URL(request.url);
    if (allowed.some((p) => hostMatches(p, url))) return;
    throw workflowError(
      "authorization",
      `${url.host} is not on this workflow's allowed hosts, so a request carrying a secret cannot go there. A project admin can add it under the workflow's Allowed hosts.`,
      { status: 403 },
    );
  };
}
