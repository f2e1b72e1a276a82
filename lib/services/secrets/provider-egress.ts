import "server-only";
// The egress policy for provider addresses a console user enters (docs/egress.md): the Vault address and
// the Azure vault URL. Endpoints the operator sets through the environment (AWS_ENDPOINT_URL*,
// AZURE_AUTHORITY_HOST, the Google endpoint) are trusted and not checked.
// The SDKs do their own DNS, so this check cannot pin the address the way the connection testers do; it runs
// before every call, so a changed policy or DNS answer applies at once. A name that does not resolve here is
// left to the request: behind an HTTPS_PROXY the proxy resolves it (the check applies to the name the request
// names), and without one the SDK fails to resolve it too.
import { EgressRefused, resolveAllowed, type EgressPolicy } from "@/lib/connections/egress";
import { awsEndpointVariables } from "@/lib/env";
import { loadEgressPolicy } from "@/lib/data/workspace-settings";
import { createProvider } from "@/lib/secrets/provider-factory";
import { invalidConfiguration, type SecretsError } from "@/lib/secrets/errors";
import { secretsManagerOrigin } from "@/lib/secrets/providers/aws";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { PROVIDER_LABELS, type FetchOutcome, type ProviderConfig, type SecretRef, type SecretsProvider } from "@/lib/secrets/types";
import { agentForward } from "@/lib/services/agent/http-forward";

/** The user-entered endpoint of a configuration, or null when its endpoints come from the operator. */
export function userEndpointOf(config: ProviderConfig): URL | null {
  const text = config.kind === "vault" ? config.settings.address : config.kind === "azure" ? config.settings.vaultUrl : null;
  if (text === null) return null;
  try {
    return new URL(text.trim());
  } catch {
    return null; // the provider reports the malformed address in its own words
  }
}

function defaultPort(url: URL): number {
  return Number(url.port || (url.protocol === "http:" ? 80 : 443));
}

/** Throws a configuration SecretsError when the policy refuses the endpoint. */
export async function checkProviderEndpoint(url: URL, policy: EgressPolicy): Promise<void> {
  try {
    await resolveAllowed(url.hostname, policy, { port: defaultPort(url) });
  } catch (err) {
    if (err instanceof EgressRefused)
      throw invalidConfiguration(
        err.message,
        "Use the provider's address on a network this workspace's egress policy allows, or ask a workspace admin to allow it.",
      );
    if (err instanceof Error && /ENOTFOUND|EAI_AGAIN|did not resolve/.test(err.message)) return;
    throw err;
  }
}

/** Wraps a provider so each call first checks its user-entered endpoint against its workspace's policy. */
export function withEgressCheck(
  provider: SecretsProvider,
  config: ProviderConfig,
  policyOf: (workspaceId: number) => Promise<EgressPolicy> = loadEgressPolicy,
): SecretsProvider {
  const url = userEndpointOf(config);
  if (!url) return provider;
  const check = async () => checkProviderEndpoint(url, await policyOf(config.owner.workspaceId));
  return {
    kind: provider.kind,
    test: async (options) => {
      await check();
      return provider.test(options);
    },
    listSecrets: async (options) => {
      await check();
      return provider.listSecrets(options);
    },
    fetchSecrets: async (refs) => {
      try {
        await check();
      } catch (err) {
        const error = err as SecretsError;
        return new Map<string, FetchOutcome>(refs.map((r) => [secretVersionKey(r), { ok: false, error }]));
      }
      return provider.fetchSecrets(refs);
    },
    ...(provider.readMetadata
      ? {
          readMetadata: async (refs: readonly SecretRef[]) => {
            await check(); // a refused endpoint fails the whole poll: the poller keeps every cached value
            return provider.readMetadata!(refs);
          },
        }
      : {}),
  };
}

/**
 * The provider a configuration resolves through in the console: the SDK provider behind the egress check; or,
 * for a configuration routed through an on-prem group, the same SDK provider whose requests an agent of the
 * group forwards. The egress policy does not apply there: the agent's network is the customer's (docs/egress.md),
 * and each forwarded request may name only the configuration's own address (lib/services/agent/http-forward.ts).
 */
export function createCheckedProvider(config: ProviderConfig & { id?: number; onPremGroupId?: number | null }): SecretsProvider {
  if (!config.onPremGroupId) return withEgressCheck(createProvider(config), config);
  if (config.kind === "gcp") throw invalidConfiguration(`${PROVIDER_LABELS.gcp} cannot be reached through an on-prem group.`, "Choose Cloud.");
  const address =
    config.kind === "vault"
      ? config.settings.address
      : config.kind === "azure"
        ? config.settings.vaultUrl
        : // The SDK reads the same variables to find the endpoint (the operator's, never a user's input).
          secretsManagerOrigin(config.settings.region, awsEndpointVariables());
  const route = { workspaceId: config.owner.workspaceId, groupId: config.onPremGroupId, kind: config.kind, address, providerConfigId: config.id };
  return createProvider(config, { forward: { route: `group:${config.onPremGroupId}`, send: agentForward(route) } });
}
