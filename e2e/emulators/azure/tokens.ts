// Access tokens shaped like Entra ID's v1 tokens for Key Vault (RS256 JWT, `aud` https://vault.azure.net,
// `iss` https://sts.windows.net/<tenant>/), signed with a key generated at start and published as JWKS.
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from "node:crypto";

export const KEY_VAULT_RESOURCE = "https://vault.azure.net";
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  exp: number;
  nbf: number;
}

export interface TokenSigner {
  kid: string;
  mint(claims: { tenantId: string; clientId: string; objectId: string; audience: string }): string;
  /** The claims when the signature and lifetime hold, else the reason Key Vault would give. */
  check(token: string): { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };
  jwks(): { keys: Array<Record<string, unknown>> };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function createTokenSigner(): TokenSigner {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID().replace(/-/g, "").slice(0, 27);
  return {
    kid,
    mint({ tenantId, clientId, objectId, audience }) {
      const now = Math.floor(Date.now() / 1000);
      const header = { typ: "JWT", alg: "RS256", kid, x5t: kid };
      const payload = {
        aud: audience,
        iss: `https://sts.windows.net/${tenantId}/`,
        iat: now,
        nbf: now - 300,
        exp: now + TOKEN_LIFETIME_SECONDS,
        aio: b64url(randomUUID()),
        appid: clientId,
        appidacr: "1",
        idp: `https://sts.windows.net/${tenantId}/`,
        oid: objectId,
        rh: "0.emulator.",
        sub: objectId,
        tid: tenantId,
        uti: b64url(randomUUID()).slice(0, 22),
        ver: "1.0",
      };
      const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
      return `${signingInput}.${b64url(sign("sha256", Buffer.from(signingInput), privateKey))}`;
    },
    check(token) {
      const parts = token.split(".");
      if (parts.length !== 3) return { ok: false, reason: "AKV10000: Request is missing a Bearer or PoP token." };
      const [head = "", body = "", signature = ""] = parts;
      const valid = verify("sha256", Buffer.from(`${head}.${body}`), publicKey, Buffer.from(signature, "base64url"));
      if (!valid) return { ok: false, reason: "Unauthorized: the token signature is invalid." };
      let claims: AccessTokenClaims;
      try {
        claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as AccessTokenClaims;
      } catch {
        return { ok: false, reason: "AKV10000: Request is missing a Bearer or PoP token." };
      }
      const now = Math.floor(Date.now() / 1000);
      if (claims.exp <= now) return { ok: false, reason: "Unauthorized: the token has expired." };
      if (claims.nbf > now + 300) return { ok: false, reason: "Unauthorized: the token is not yet valid." };
      return { ok: true, claims };
    },
    jwks() {
      const jwk = createPublicKey(publicKey as KeyObject).export({ format: "jwk" });
      return { keys: [{ kty: "RSA", use: "sig", kid, x5t: kid, n: jwk.n, e: jwk.e, issuer: "https://login.microsoftonline.com/{tenantid}/v2.0" }] };
    },
  };
}
