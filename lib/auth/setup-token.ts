import "server-only";
// The one-time setup of an empty database (README "First start"). A fresh install has no account, so nobody can
// sign in; whoever completes /setup becomes the first owner. To stop the first stranger who finds the port from
// claiming the install, /setup asks for a token that only the operator can read: the server prints it to its
// own log when it starts on an empty database. The token lives in this process only (its SHA-256, on
// globalThis so Next's separately bundled instrumentation and route code share it), changes on every restart
// and is retired once the setup succeeds. Several instances each print their own; the database transaction in
// lib/data/setup.ts makes sure only one setup ever completes.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

declare const grantBrand: unique symbol;
/** Proof that the caller presented this process's setup token; only verifySetupToken mints one. */
export interface SetupGrant {
  readonly [grantBrand]: true;
}

interface SetupTokenState {
  hash: Buffer | null;
  retired: boolean;
}

const holder = globalThis as unknown as { keyholdSetupToken?: SetupTokenState };
holder.keyholdSetupToken ??= { hash: null, retired: false };
const state: SetupTokenState = holder.keyholdSetupToken;

const digest = (token: string) => createHash("sha256").update(token.trim()).digest();

/** A new token, or null when this process already issued one (it was printed then) or the setup is done. */
export function issueSetupToken(): string | null {
  if (state.hash || state.retired) return null;
  const token = `kh_setup_${randomBytes(24).toString("base64url")}`;
  state.hash = digest(token);
  return token;
}

export function verifySetupToken(token: string): SetupGrant | null {
  if (!state.hash || state.retired) return null;
  return timingSafeEqual(digest(token), state.hash) ? ({} as SetupGrant) : null;
}

/** After a completed setup: the token never works again in this process. */
export function retireSetupToken(): void {
  state.hash = null;
  state.retired = true;
}

/** What the server prints: plain text on stdout, so a LOG_LEVEL that silences pino does not hide it. */
export function setupBanner(token: string): string {
  return [
    "",
    "Keyhold has no accounts yet. To create the first owner and workspace, open /setup on this console",
    "(for example http://localhost:3000/setup) and enter this one-time setup token:",
    "",
    `    Setup token: ${token}`,
    "",
    "It works once, only while no account exists, and a restart replaces it.",
    "",
  ].join("\n");
}
