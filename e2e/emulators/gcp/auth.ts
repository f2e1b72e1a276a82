// Google's two ways a service-account key proves itself, both checked against the fixture's public keys:
//  - the OAuth2 token endpoint (JWT-bearer grant) that trades a signed assertion for an access token;
//  - a self-signed JWT sent straight as the bearer token, which is what the GAPIC Node libraries
//    (@google-cloud/secret-manager included) do for service-account keys: they never call the token endpoint.
import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import type { GcpFixture } from "./fixture";

const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const SERVICE_AUDIENCE = "https://secretmanager.googleapis.com/";
const GOOGLE_TOKEN_AUDIENCES = [
  "https://oauth2.googleapis.com/token",
  "https://www.googleapis.com/oauth2/v4/token",
  "https://accounts.google.com/o/oauth2/token",
];
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 300;
const TOKEN_LIFETIME_S = 3599;

type ApiAuth = { ok: true; email: string } | { ok: false; reason: "missing" | "invalid" | "expired" };

interface TokenReply {
  status: number;
  body: Record<string, unknown>;
}

interface Jwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signed: string;
  signature: Buffer;
}

export class GcpAuth {
  private readonly keys = new Map<string, Array<{ keyId: string; key: KeyObject }>>();
  private readonly tokens = new Map<string, { email: string; expiresAt: number }>();

  constructor(
    fixture: GcpFixture,
    private readonly tokenUrl: () => string,
  ) {
    for (const sa of fixture.serviceAccounts) {
      this.keys.set(
        sa.email,
        sa.keys.map((k) => ({ keyId: k.keyId, key: createPublicKey(k.publicKeyPem) })),
      );
    }
  }

  /** POST /token with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer. */
  exchange(form: URLSearchParams): TokenReply {
    const grantType = form.get("grant_type") ?? "";
    if (grantType !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return invalid(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
    }
    const assertion = form.get("assertion");
    if (!assertion) return invalid(400, "invalid_request", "Missing required parameter: assertion");
    const jwt = decodeJwt(assertion);
    if (!jwt) return invalid(400, "invalid_grant", "Invalid JWT: malformed assertion.");
    const iss = typeof jwt.claims.iss === "string" ? jwt.claims.iss : "";
    if (!this.keys.has(iss)) return invalid(400, "invalid_grant", "Invalid grant: account not found");
    if (!this.signatureValid(jwt, iss)) return invalid(400, "invalid_grant", "Invalid JWT Signature.");
    const audiences = [this.tokenUrl(), ...GOOGLE_TOKEN_AUDIENCES];
    if (typeof jwt.claims.aud !== "string" || !audiences.includes(jwt.claims.aud)) {
      return invalid(400, "invalid_grant", `Invalid JWT: Failed audience check. The right audience is ${this.tokenUrl()}`);
    }
    if (timeProblem(jwt.claims)) {
      return invalid(
        400,
        "invalid_grant",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
      );
    }
    const scopes = typeof jwt.claims.scope === "string" ? jwt.claims.scope.split(" ") : [];
    if (!scopes.includes(CLOUD_PLATFORM_SCOPE)) {
      return invalid(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    const accessToken = `ya29.c.${randomBytes(48).toString("base64url")}`;
    this.tokens.set(accessToken, { email: iss, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
    return { status: 200, body: { access_token: accessToken, expires_in: TOKEN_LIFETIME_S, token_type: "Bearer" } };
  }

  /** The Authorization header of an API call: an issued access token or a self-signed JWT. */
  authenticate(authorization: string | undefined): ApiAuth {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match?.[1]) return { ok: false, reason: "missing" };
    const bearer = match[1];
    const issued = this.tokens.get(bearer);
    if (issued) return issued.expiresAt > Date.now() ? { ok: true, email: issued.email } : { ok: false, reason: "expired" };
    const jwt = decodeJwt(bearer);
    if (!jwt) return { ok: false, reason: "invalid" };
    const iss = jwt.claims.iss;
    if (typeof iss !== "string" || iss !== jwt.claims.sub || !this.signatureValid(jwt, iss)) return { ok: false, reason: "invalid" };
    const scopes = typeof jwt.claims.scope === "string" ? jwt.claims.scope.split(" ") : [];
    const aud = typeof jwt.claims.aud === "string" ? jwt.claims.aud.replace(/\/?$/, "/") : "";
    if (!scopes.includes(CLOUD_PLATFORM_SCOPE) && aud !== SERVICE_AUDIENCE) return { ok: false, reason: "invalid" };
    const problem = timeProblem(jwt.claims);
    if (problem) return { ok: false, reason: problem === "expired" ? "expired" : "invalid" };
    return { ok: true, email: iss };
  }

  /** Google tries the key named by `kid`; without one, any active key of the account. */
  private signatureValid(jwt: Jwt, email: string): boolean {
    if (jwt.header.alg !== "RS256") return false;
    const keys = (this.keys.get(email) ?? []).filter((k) => jwt.header.kid === undefined || k.keyId === jwt.header.kid);
    return keys.some((k) => verify("RSA-SHA256", Buffer.from(jwt.signed), k.key, jwt.signature));
  }
}

function invalid(status: number, error: string, description: string): TokenReply {
  return { status, body: { error, error_description: description } };
}

function decodeJwt(token: string): Jwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [h, c, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as unknown;
    const claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signed: `${h}.${c}`, signature: Buffer.from(s, "base64url") };
  } catch {
    return undefined;
  }
}

function timeProblem(claims: Record<string, unknown>): "expired" | "timeframe" | undefined {
  const { iat, exp } = claims;
  if (typeof iat !== "number" || typeof exp !== "number") return "timeframe";
  const now = Date.now() / 1000;
  if (exp < now) return "expired";
  if (iat > now + CLOCK_SKEW_S || exp - iat > MAX_LIFETIME_S || exp <= iat) return "timeframe";
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
