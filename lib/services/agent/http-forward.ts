import "server-only";
// Cloud profiles (docs/agent.md): the `forward` function a group-routed configuration's provider sends
// every request through. One request is one `http.forward` job on an agent of the group; the agent sends it
// once, to an origin its own config allows, and returns the answer as it is. Retries, caching and error
// classification stay in the console's provider code above this. A job can never be aimed elsewhere than the
// configuration's own provider endpoint: the origin is checked here, before any job exists. Only the secrets
// manager's requests come here; the platform's own calls (AWS STS, Entra ID tokens) never do.
import { FORWARD_MAX_REQUEST_BYTES } from "@/lib/agent/protocol";
import { AppError } from "@/lib/errors";
import { agentUnavailable, invalidConfiguration, SecretsError, sanitizeProviderText } from "@/lib/secrets/errors";
import type { HttpForward } from "@/lib/secrets/contracts/http-forward";
import { PROVIDER_LABELS, type ProviderKind } from "@/lib/secrets/types";
import { runAgentJob } from "./dispatch";

/** Time the job may take beyond the attempt's own budget: the agent's polls and the database round trips. */
const JOB_MARGIN_MS = 3_000;

const ADDRESS_FIX: Record<ForwardRoute["kind"], string> = {
  vault: "Check the Vault address.",
  azure: "Check the vault URL.",
  aws: "Check the region, or AWS_ENDPOINT_URL_SECRETS_MANAGER on the console.",
};

function operationOf(headers: Record<string, string>): { operation?: string } {
  const target = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-amz-target")?.[1];
  return target ? { operation: target.slice(0, 100) } : {};
}

export interface ForwardRoute {
  workspaceId: number;
  groupId: number;
  /** Which provider's requests these are (for messages). */
  kind: Exclude<ProviderKind, "gcp">;
  /** The provider endpoint (Vault address, Azure vault URL, the region's Secrets Manager endpoint): the only origin its jobs may name. */
  address: string;
  providerConfigId?: number;
}

export function agentForward(route: ForwardRoute): HttpForward {
  const origin = new URL(route.address).origin;
  return async (request) => {
    const url = new URL(request.url);
    if (url.origin !== origin) {
      throw invalidConfiguration(
        `A request to ${url.origin} was not sent: this configuration reaches only ${origin} through its on-prem group.`,
        ADDRESS_FIX[route.kind],
      );
    }
    if ((request.body?.byteLength ?? 0) > FORWARD_MAX_REQUEST_BYTES) {
      throw invalidConfiguration(`A request body over ${FORWARD_MAX_REQUEST_BYTES / 1024} KiB is not forwarded through an agent.`, "Read smaller secrets.");
    }
    const payload = {
      method: request.method.toUpperCase(),
      url: url.toString(),
      headers: request.headers,
      ...(request.body ? { bodyBase64: Buffer.from(request.body).toString("base64") } : {}),
    };
    let result: Awaited<ReturnType<typeof runAgentJob<"http.forward">>>;
    try {
      result = await runAgentJob({
        workspaceId: route.workspaceId,
        groupId: route.groupId,
        kind: "http.forward",
        payload,
        timeoutMs: request.timeoutMs + JOB_MARGIN_MS,
        actorLabel: "Keyhold",
        // The method and path only: a Vault or Key Vault path names a secret, never holds its value (AWS: "/").
        // AWS: the operation (X-Amz-Target, e.g. secretsmanager.BatchGetSecretValue) in place of a path.
        detail: { providerConfig: route.providerConfigId ?? null, method: payload.method, path: url.pathname, ...operationOf(request.headers) },
      });
    } catch (err) {
      if (err instanceof AppError && err.code === "AGENT_UNAVAILABLE") throw agentUnavailable(err.message);
      throw err;
    }
    if ("error" in result) {
      if (result.refused) throw invalidConfiguration(result.error, `Add ${origin} under forward.allow in the agent's config file, then send it SIGHUP.`);
      throw new SecretsError({
        code: "unavailable",
        category: "unavailable",
        message: `${PROVIDER_LABELS[route.kind]} is unavailable: ${sanitizeProviderText(result.error)}`,
        fix: `Check the network path from the agent's host to ${origin} (the address, the customer's firewall, HTTPS_PROXY in the agent's environment).`,
        retryable: true,
      });
    }
    return { status: result.status, headers: result.headers, body: Buffer.from(result.bodyBase64, "base64") };
  };
}
