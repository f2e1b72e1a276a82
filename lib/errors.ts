// Expected failures of the data layer and auth helpers. Prisma codes never travel past lib/data (docs/style.md rule 5).
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION"
  | "THROTTLED"
  /** Signed in with a one-time password: only the change-password flow is open. */
  | "PASSWORD_CHANGE_REQUIRED"
  /** A sensitive action needs the password entered within the last few minutes (lib/auth/reauth.ts). */
  | "REAUTH_REQUIRED"
  /** No agent of an on-prem group could run a job (none connected, dropped, or no answer in time). */
  | "AGENT_UNAVAILABLE";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The form field the error belongs to, when there is one. */
  readonly field?: string;
  /** THROTTLED only: when to try again (HTTP Retry-After; the actions' result). */
  readonly retryAfterSeconds?: number;
  constructor(code: AppErrorCode, message: string, field?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Maps Prisma's known request errors to AppError; anything else is a bug and is rethrown. */
export function fromPrismaError(err: unknown, messages: { conflict?: string; notFound?: string } = {}): never {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "P2002") throw new AppError("CONFLICT", messages.conflict ?? "That name is already taken.");
  if (code === "P2025") throw new AppError("NOT_FOUND", messages.notFound ?? "Not found.");
  throw err;
}
