import "server-only";
// Route authentication by instance credential (lib/auth/instance-credential.ts): a missing or wrong token is
// 401; no credential configured means the endpoint is off, and answers 404 with a problem saying how to turn it on.
import { checkInstanceCredential } from "@/lib/auth/instance-credential";
import { AppError } from "@/lib/errors";
import type { Authenticate } from "./route";

export function instanceCredential(configured: string | undefined, what: { name: string; variable: string }): Authenticate<null> {
  return async (request) => {
    const check = checkInstanceCredential(request, configured);
    if (check === "unconfigured") throw new AppError("NOT_FOUND", `${what.name} is off on this instance: set ${what.variable} to enable it.`);
    if (check !== "ok") throw new AppError("UNAUTHENTICATED", `The ${what.variable} credential is required (Authorization: Bearer <${what.variable}>).`);
    return null;
  };
}
