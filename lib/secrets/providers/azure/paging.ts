// Key Vault pages with `nextLink`. @azure/keyvault-secrets 4.11 accepts a continuation token in
// listPropertiesOfSecrets().byPage() but drops the one it receives (it maps each page to a new array), so a
// per-call pipeline policy records the nextLink of the page being fetched, in an AsyncLocalStorage slot that
// only our listing opens. Page tokens handed to callers wrap that link; a token is only ever followed to this
// vault's own /secrets listing, so a forged token cannot send our bearer token elsewhere.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { SecretClient, SecretProperties } from "@azure/keyvault-secrets";
import { invalidPageToken } from "@/lib/secrets/http-status";
import { PROVIDER_LABELS } from "@/lib/secrets/types";

/** Key Vault's largest page. */
export const VAULT_PAGE_SIZE = 25;

const slot = new AsyncLocalStorage<{ nextLink?: string; errorBody?: string }>();

export const nextLinkRecorder: PipelinePolicy = {
  name: "keyholdNextLinkRecorder",
  async sendRequest(request, next) {
    const response = await next(request);
    const holder = slot.getStore();
    // The SDK's pager turns a refused page into "Pagination failed with unexpected statusCode 403" and drops
    // Key Vault's error body (ForbiddenByRbac, ForbiddenByFirewall, ...): keep it for fetchVaultPage.
    if (holder && response.status >= 400 && response.bodyAsText) holder.errorBody = response.bodyAsText;
    if (holder && response.status === 200 && response.bodyAsText) {
      try {
        const body = JSON.parse(response.bodyAsText) as { nextLink?: string | null };
        holder.nextLink = body.nextLink ?? undefined;
      } catch {
        holder.nextLink = undefined;
      }
    }
    return response;
  },
};

export interface VaultPage {
  items: SecretProperties[];
  nextLink?: string;
}

/** One page of the vault's secret listing: the first (link undefined) or the one a nextLink names. */
export async function fetchVaultPage(client: SecretClient, link: string | undefined, abortSignal: AbortSignal): Promise<VaultPage> {
  const holder: { nextLink?: string; errorBody?: string } = {};
  try {
    const items = await slot.run(holder, async () => {
      const pages = client.listPropertiesOfSecrets({ abortSignal }).byPage({ continuationToken: link, maxPageSize: VAULT_PAGE_SIZE });
      const first = await pages.next();
      return first.done ? [] : first.value;
    });
    return { items, nextLink: holder.nextLink };
  } catch (err) {
    throw withErrorBody(err, holder.errorBody);
  }
}

/** Runs a pager call (e.g. listPropertiesOfSecretVersions) so a refused page keeps Key Vault's error body. */
export async function withPagerErrors<T>(fn: () => Promise<T>): Promise<T> {
  const holder: { nextLink?: string; errorBody?: string } = {};
  try {
    return await slot.run(holder, fn);
  } catch (err) {
    throw withErrorBody(err, holder.errorBody);
  }
}

/** Gives a pager's RestError the details and message Key Vault sent, as the SDK does for other calls. */
function withErrorBody(err: unknown, body: string | undefined): unknown {
  if (!body || typeof err !== "object" || err === null || !("statusCode" in err) || (err as { details?: unknown }).details) return err;
  try {
    type WireError = { code?: string; message?: string; innererror?: { code?: string }; innerError?: { code?: string } };
    const { error } = JSON.parse(body) as { error?: WireError };
    if (!error) return err;
    // On the wire it is "innererror"; the SDK's deserializer (and our classifier) say innerError.
    const details = { error: { code: error.code, message: error.message, innerError: error.innerError ?? error.innererror } };
    Object.assign(err, { details, ...(error.message ? { message: error.message } : {}) });
  } catch {
    // Not JSON: the SDK's own message stays.
  }
  return err;
}

export interface PagePosition {
  /** The Key Vault page to read (undefined: the first). */
  link?: string;
  /** Items of that page already handed out. */
  offset: number;
}

export function encodePageToken(position: PagePosition): string {
  return Buffer.from(JSON.stringify({ l: position.link, o: position.offset })).toString("base64url");
}

export function decodePageToken(token: string | undefined, vaultOrigin: string): PagePosition {
  if (!token) return { offset: 0 };
  const invalid = () => invalidPageToken(PROVIDER_LABELS.azure);
  let parsed: { l?: unknown; o?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { l?: unknown; o?: unknown };
  } catch {
    throw invalid();
  }
  const offset = parsed.o;
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset > VAULT_PAGE_SIZE) throw invalid();
  if (parsed.l === undefined) return { offset };
  if (typeof parsed.l !== "string") throw invalid();
  let link: URL;
  try {
    link = new URL(parsed.l);
  } catch {
    throw invalid();
  }
  if (link.origin !== vaultOrigin || link.pathname !== "/secrets" || link.username || link.password) throw invalid();
  return { link: link.toString(), offset };
}
