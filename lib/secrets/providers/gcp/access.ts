// Reads one secret version. Ids go into the request path, so they are checked first: anything else could
// address another resource. The payload's CRC32C is verified, since the SDK leaves that to the caller.
import { unavailable } from "@/lib/secrets/errors";
import type { SecretPayload } from "@/lib/secrets/types";
import type { GcpContext, GcpRef } from "./client";
import { crc32c } from "./crc32c";
import { GCP_PROVIDER, gcpInvalidReference } from "./errors";

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const VERSION = /^(latest|[1-9]\d{0,18}|[A-Za-z][A-Za-z0-9_-]{0,62})$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export async function accessGcpSecret(ctx: GcpContext, ref: GcpRef): Promise<SecretPayload> {
  const errorContext = ctx.secretContext(ref);
  if (!SECRET_ID.test(ref.secretId) || !VERSION.test(errorContext.version)) throw gcpInvalidReference(ref.secretId, ref.version);
  const name = `projects/${ctx.projectId}/secrets/${ref.secretId}/versions/${errorContext.version}`;
  return ctx.run(errorContext, async () => {
    const [response] = await ctx.sdk().accessSecretVersion({ name }, { timeout: ctx.policy.attemptTimeoutMs });
    return payloadOf(response.payload);
  });
}

function payloadOf(payload: { data?: unknown; dataCrc32c?: unknown } | null | undefined): SecretPayload {
  const raw = payload?.data;
  const data = typeof raw === "string" ? Buffer.from(raw, "base64") : Buffer.from(raw instanceof Uint8Array ? raw : new Uint8Array());
  const expected = payload?.dataCrc32c;
  // Corruption in transit is worth another attempt, and the bytes are not worth showing.
  if (expected !== undefined && expected !== null && Number(String(expected)) !== crc32c(data)) {
    throw unavailable(GCP_PROVIDER, "the payload failed its CRC32C check");
  }
  try {
    return { text: utf8.decode(data) };
  } catch {
    return { binary: new Uint8Array(data) };
  }
}
