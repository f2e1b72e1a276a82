import "server-only";
// Bearer API-token authentication for the public APIs (sessions are for the console, tokens for automation).
import { authenticateApiToken, type ApiTokenIdentity } from "@/lib/data/api-tokens";

export async function bearerIdentity(request: Request): Promise<ApiTokenIdentity | null> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? authenticateApiToken(match[1]!) : null;
}
