// One node-vault client per Vault configuration, with its AppRole token: logged in once (single flight),
// reused until shortly before its lease ends, and replaced when Vault says it is no longer valid. Sessions
// are shared per configuration so resolutions do not each mint a token (every login is a lease in Vault).
// client.ts gives each provider instance its own view of a session (VaultCaller).
import { createHash } from "node:crypto";
import vault from "node-vault";
import type { RetryPolicy } from "@/lib/secrets/retry";
import type { ProviderConfig, VaultSettings } from "@/lib/secrets/types";
import { classifyCommon, statusOf, unexpected } from "./classify";
import { vaultLoginFailed, type VaultIdentity } from "./errors";
import type { HttpForward } from "@/lib/secrets/contracts/http-forward";
import { forwardTransport } from "./forward-transport";
import { vaultTransport } from "./transport";

export type VaultConfig = Extract<ProviderConfig, { kind: "vault" }>;
export type VaultClient = ReturnType<typeof vault>;

export interface VaultSessionOptions {
  retryPolicy?: Partial<RetryPolicy>;
  /** Clock for token lifetimes; a session with an injected clock is never shared. */
  now?: () => number;
  random?: () => number;
  /**
   * Cloud profiles (docs/agent.md): every request goes through this instead of a socket from this process.
   * `route` names the path ("group:<id>"): sessions are never shared between two routes.
   */
  forward?: { route: string; send: HttpForward };
}

interface TokenInfo {
  value: string;
  /** Epoch ms after which a fresh login is due. */
  renewAt: number;
  policies: string[];
  roleName?: string;
}

const MAX_SESSIONS = 64;
const sessions = new Map<string, VaultSession>();

export function sessionFor(config: VaultConfig, options: VaultSessionOptions): VaultSession {
  if (options.now) return new VaultSession(config, options.now, options.forward?.send);
  const { address, namespace, approleMount, roleId } = config.settings;
  const key = createHash("sha256")
    .update(JSON.stringify([address, namespace ?? "", approleMount, roleId, config.auth.secretId, options.forward?.route ?? "cloud"]))
    .digest("hex");
  const existing = sessions.get(key);
  if (existing) {
    // Most recently used last, so the eviction below drops the configuration unused the longest.
    sessions.delete(key);
    sessions.set(key, existing);
    return existing;
  }
  const session = new VaultSession(config, Date.now, options.forward?.send);
  sessions.set(key, session);
  if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  return session;
}

/** Drops every shared session (tests; a process that wants to forget all tokens). */
export function forgetVaultSessions(): void {
  sessions.clear();
}

/** Shared per configuration: the client, the token and per-mount memos. */
export class VaultSession {
  readonly client: VaultClient;
  readonly settings: VaultSettings;
  private readonly secretId: string;
  private token?: TokenInfo;
  private loginInFlight?: Promise<TokenInfo>;
  /** Memos other modules keep per configuration (KV mount versions). */
  readonly memo = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(
    config: VaultConfig,
    readonly now: () => number,
    forward?: HttpForward,
  ) {
    this.settings = config.settings;
    this.secretId = config.auth.secretId;
    // Our own transport: node-vault's axios would follow a redirect with the login body (transport.ts).
    const transport = forward ? forwardTransport(forward) : vaultTransport;
    this.client = vault({ endpoint: config.settings.address, namespace: config.settings.namespace, "request-promise": transport });
    // node-vault falls back to VAULT_TOKEN / VAULT_NAMESPACE from the server's environment; neither belongs
    // to this customer's configuration.
    this.client.token = "";
    (this.client as unknown as { namespace?: string }).namespace = config.settings.namespace;
  }

  identity(): VaultIdentity {
    return { settings: this.settings, policies: this.token?.policies };
  }

  roleName(): string | undefined {
    return this.token?.roleName ?? this.settings.roleName;
  }

  ensureToken(timeoutMs: number): Promise<TokenInfo> {
    if (this.token && this.now() < this.token.renewAt) return Promise.resolve(this.token);
    this.loginInFlight ??= this.login(timeoutMs).finally(() => (this.loginInFlight = undefined));
    return this.loginInFlight;
  }

  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async login(timeoutMs: number): Promise<TokenInfo> {
    const started = this.now();
    let response: LoginResponse;
    try {
      response = await this.client.approleLogin({
        mount_point: this.settings.approleMount,
        role_id: this.settings.roleId,
        secret_id: this.secretId,
        requestOptions: { timeout: timeoutMs },
      });
    } catch (err) {
      const login = `login at auth/${this.settings.approleMount}`;
      const common = classifyCommon(err, timeoutMs, login);
      if (common) throw common;
      const status = statusOf(err);
      if (status === 400) throw vaultLoginFailed(this.settings, "credentials");
      if (status === 403 || status === 404) throw vaultLoginFailed(this.settings, "mount");
      throw unexpected(err, login);
    } finally {
      // approleLogin stores the token on the client; sessions pass tokens explicitly, per request.
      this.client.token = "";
    }
    const auth = response.auth;
    if (!auth?.client_token) throw vaultLoginFailed(this.settings, "credentials");
    const leaseMs = (auth.lease_duration ?? 0) * 1000;
    // Log in again a little before the lease ends: a fifth of it, at most a minute.
    const renewAt = leaseMs > 0 ? started + leaseMs - Math.min(60_000, leaseMs / 5) : Number.POSITIVE_INFINITY;
    this.token = {
      value: auth.client_token,
      renewAt,
      policies: auth.token_policies ?? auth.policies ?? [],
      roleName: auth.metadata?.role_name,
    };
    return this.token;
  }
}

interface LoginResponse {
  auth?: {
    client_token?: string;
    lease_duration?: number;
    token_policies?: string[];
    policies?: string[];
    metadata?: { role_name?: string };
  };
}
