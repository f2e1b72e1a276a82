// What every server action returns: expected failures are values, only bugs throw (docs/errors.md). The
// wrapper in lib/actions/safe-action.ts builds the failures; actions only write their successes.
export type { FieldErrors } from "./validations/field-errors";
import type { FieldErrors } from "./validations/field-errors";

export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  /**
   * `reauthRequired`: ask for the password ("Confirm your password") and submit again (lib/auth/reauth.ts).
   * `retryAfterSeconds`: rate-limited (lib/services/rate-limit.ts); the message says when to try again.
   */
  | { ok: false; message?: string; fieldErrors?: FieldErrors; reauthRequired?: true; retryAfterSeconds?: number };
