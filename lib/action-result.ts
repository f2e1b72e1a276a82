// What every server action returns: expected failures are values, only bugs throw (STYLE.md rule 4).
import { z } from "zod";
import { isAppError } from "./errors";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message?: string; fieldErrors?: FieldErrors };

export function invalid(error: z.ZodError, message = "Check the highlighted fields."): ActionResult<never> {
  return { ok: false, message, fieldErrors: z.flattenError(error).fieldErrors as FieldErrors };
}

/** Turns an AppError into a failed result; rethrows anything else (a bug, or Next's redirect). */
export function failure(err: unknown): ActionResult<never> {
  if (isAppError(err)) {
    return err.field
      ? { ok: false, message: "Check the highlighted fields.", fieldErrors: { [err.field]: [err.message] } }
      : { ok: false, message: err.message };
  }
  throw err;
}
