import "server-only";
// The workflow's destination rules (docs/workflows.md "Destinations"). A secret-bearing request goes out only when
// 1. its host is on the workflow's allow-list (project admins set it),
// 2. every workflow secret it carries is bound to that host for this workflow (entered for it, or confirmed by a
//    project admin's password when the allow-list widened), so an editor cannot route a secret mapped for one
//    workflow through another workflow's allowed host, and
// 3. every reference behind those secrets is allowed there by the reference policy, as for connection fields.
// Requests that carry no secret are left to the egress policy alone.
import { isReferenceAllowed, type ReferencePolicyEntry } from "@/lib/secrets/reference-policy";
import type { ProviderKind } from "@/lib/secrets/types";
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

export interface PolicyView {
  kind: ProviderKind;
  entries: ReferencePolicyEntry[];
  owner: string;
  approver: string;
}

/** The references one secret resolved through (none for a literal) and the policy that governs them. */
export interface SecretReferences {
  policy: PolicyView | null;
  refs: ReadonlyArray<{ reference: string; identity: string }>;
}

export interface DestinationRules {
  allowedHosts: readonly string[];
  /** Secret name → the allowed-host patterns it is bound to for this workflow. */
  bindings: ReadonlyMap<string, readonly string[]>;
  referencesOf?: (name: string) => SecretReferences | Promise<SecretReferences>;
}

const refuse = (detail: string) => workflowError("authorization", detail, { status: 403 });

export function destinationChecker({ allowedHosts, bindings, referencesOf }: DestinationRules): (request: DestinationCheck) => Promise<void> {
  return async (request) => {
    if (!request.secretBearing) return;
    const url = new URL(request.url);
    if (!allowedHosts.some((p) => hostMatches(p, url))) {
      throw refuse(
        `${url.host} is not on this workflow's allowed hosts, so a request carrying a secret cannot go there. A project admin can add it under the workflow's Allowed hosts.`,
      );
    }
    const port = Number(url.port || (url.protocol === "http:" ? 80 : 443));
    for (const name of request.secrets) {
      if (!(bindings.get(name) ?? []).some((p) => hostMatches(p, url))) {
        throw refuse(
          `Secret ${name} is not bound to ${url.host} for this workflow: it was mapped before this workflow could send it there. Re-enter it under Workflow secrets, or a project admin confirms by saving the workflow's allowed hosts.`,
        );
      }
      const { policy, refs } = referencesOf ? await referencesOf(name) : { policy: null, refs: [] };
      for (const { reference, identity } of refs) {
        if (!policy || !isReferenceAllowed(policy.entries, policy.kind, identity, { host: url.hostname, port })) {
          const owner = policy?.owner ?? "the active configuration";
          throw refuse(
            `Secret ${name}: ${reference} is not allowed to be sent to ${url.hostname}:${port} by the reference policy of ${owner}. Ask ${policy?.approver ?? "an admin"} to add it (Secrets management › Reference policy).`,
          );
        }
      }
    }
  };
}
