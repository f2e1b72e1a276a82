// GET /api/openapi.json — the OpenAPI 3.1 document of the public API, built from the same zod schemas and scopes
// the routes use (lib/api-contract, docs/api.md). Public: it describes the API, never any workspace's data.
import { buildOpenApiDocument } from "@/lib/api-contract/document";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
