// What every Key Vault call of one provider instance needs: the shared clients (session.ts), the vault's name
// for messages, the error context, and `run`, which puts a call under withRetries with Azure's error mapping.
// The authority host comes from the caller (env.AZURE_AUTHORITY_HOST in the app); SDK retries are off so
// every call runs under withRetries' deadline with its abort signal.
import type { ForwardRouteOption } from "@/lib/secrets/contracts/http-forward";
import { OutageLatch } from "@/lib/secrets/outage-latch";
import { withRetries, type RetryPolicy } from "@/lib/secrets/retry";
import type { AzureSettings, ProviderConfig, SecretRef } from "@/lib/secrets/types";
import { classifyAzureError } from "./classify";
import { AZURE_PROVIDER, type AzureErrorContext } from "./errors";
import { azureClientsFor, parseVaultUrl, type AzureClients } from "./session";

export type AzureConfig = Extract<ProviderConfig, { kind: "azure" }>;
export type AzureRef = Extract<SecretRef, { kind: "azure" }>;

export interface AzureProviderDeps {
  /** Microsoft Entra authority host, e.g. https://login.microsoftonline.com (env.AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  retryPolicy?: Partial<RetryPolicy>;
  /** Backoff jitter source (tests make it deterministic). */
  random?: () => number;
  /** Cloud profiles (docs/agent.md): Key Vault requests go through this function (an on-prem agent). */
  forward?: ForwardRouteOption;
}

export class AzureContext {
  readonly settings: AzureSettings;
  /** For messages; the raw URL when it does not parse (the clients then report why). */
  readonly vaultName: string;
  private readonly latch: OutageLatch;

  constructor(
    private readonly config: AzureConfig,
    private readonly deps: AzureProviderDeps,
  ) {
    this.settings = config.settings;
    this.latch = new OutageLatch(deps.retryPolicy?.outageHoldMs);
    this.vaultName = vaultNameOf(config.settings.vaultUrl);
  }

  clients(): AzureClients {
    return azureClientsFor(this.config.settings, this.config.auth, this.deps.authorityHost, this.deps.forward);
  }

  errorContext(operation: "get" | "list", ref?: AzureRef): AzureErrorContext {
    return {
      tenantId: this.settings.tenantId,
      clientId: this.settings.clientId,
      vaultName: this.vaultName,
      operation,
      secretName: ref?.name,
      version: ref?.version,
      redact: this.redact,
    };
  }

  run<T>(operation: (signal: AbortSignal) => Promise<T>, ctx: AzureErrorContext): Promise<T> {
    return withRetries(operation, {
      provider: AZURE_PROVIDER,
      classify: (err) => classifyAzureError(err, ctx),
      policy: this.deps.retryPolicy,
      random: this.deps.random,
      latch: this.latch,
    });
  }

  private readonly redact = (text: string): string => {
    const secret = this.config.auth.clientSecret;
    return secret ? text.split(secret).join("[redacted]") : text;
  };
}

function vaultNameOf(vaultUrl: string): string {
  try {
    return parseVaultUrl(vaultUrl).name;
  } catch {
    return vaultUrl;
  }
}
