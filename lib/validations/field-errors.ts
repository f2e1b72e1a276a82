// The one way a zod error becomes per-field messages, for forms (server actions) and APIs (problem `errors`).
// From zod/mini: the provider forms validate in the browser too, and full zod would add 35 kB there.
import { flattenError, type core } from "zod/mini";

export type FieldErrors = Record<string, string[] | undefined>;

export function fieldErrorsOf(error: core.$ZodError): FieldErrors {
  return flattenError(error).fieldErrors as FieldErrors;
}
