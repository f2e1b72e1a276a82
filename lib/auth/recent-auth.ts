// Proof that the signed-in user typed their password a moment ago (docs/threat-model.md, "Re-authentication").
// Sensitive data functions take one, and only lib/auth/reauth.ts mints it from the session (tests mint their
// own), so a sensitive path that forgot to ask for the password does not compile.
declare const recentAuthBrand: unique symbol;

export interface RecentAuth {
  readonly [recentAuthBrand]: true;
  readonly userId: number;
  /** When the password was last entered in this session. */
  readonly at: Date;
}

/** How long a password confirmation counts as recent. */
export const REAUTH_WINDOW_MS = 5 * 60_000;

/** For lib/auth and tests only. */
export function mintRecentAuth(proof: { userId: number; at: Date }): RecentAuth {
  return proof as RecentAuth;
}

/** True when the proof belongs to this user and is still inside the window. */
export function isRecentFor(proof: RecentAuth | undefined, userId: number, now = Date.now()): boolean {
  if (!proof || proof.userId !== userId) return false;
  const age = now - proof.at.getTime();
  return age >= 0 && age <= REAUTH_WINDOW_MS;
}
