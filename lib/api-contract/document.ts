// Builds the OpenAPI 3.1 document from ./operations.ts with zod's own JSON Schema output (draft 2020-12, the
// dialect OpenAPI 3.1 uses). Served at /api/openapi.json and rendered on the console's API page (docs/api.md).
import { z } from "zod";
import { API_OPERATIONS, type ApiOperation } from "./operations";
import { PROBLEM_STATUSES, problemSchema } from "./problem";
import { API_SCOPES, OPERATION_SCOPES, SCOPE_DESCRIPTIONS } from "./scopes";

type Json = Record<string, unknown>;
const SESSION_COOKIE = "kh_session";

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Json;
  return rest;
}

function parameters(op: ApiOperation): Json[] {
  const where = [
    ["path", op.params],
    ["query", op.query],
  ] as const;
  return where.flatMap(([location, object]) => {
    if (!object) return [];
    const schema = jsonSchema(object, "input") as { properties: Record<string, Json>; required?: string[] };
    return Object.entries(schema.properties).map(([name, { description, ...property }]) => ({
      name,
      in: location,
      required: location === "path" || (schema.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: property,
    }));
  });
}

function problemResponse(status: keyof typeof PROBLEM_STATUSES | 500): Json {
  const headers =
    status === 401
      ? { "WWW-Authenticate": { description: 'Bearer realm="keyhold"', schema: { type: "string" } } }
      : status === 503
        ? { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "string" } } }
        : undefined;
  return {
    description: status === 500 ? "A bug on our side; it has been logged. No detail is given." : PROBLEM_STATUSES[status],
    ...(headers ? { headers } : {}),
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  };
}

function operation(op: ApiOperation): Json {
  const scope = op.auth.kind === "token" ? OPERATION_SCOPES[op.auth.operation] : null;
  const sessionRoles = op.auth.kind === "session" ? op.auth.roles : op.auth.sessionRoles;
  const success: Json = {
    description: op.success.description,
    content: { "application/json": { schema: { $ref: `#/components/schemas/${op.success.name}` } } },
  };
  if (op.success.headers)
    success.headers = Object.fromEntries(Object.entries(op.success.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }]));
  const responses: Json = { [op.success.status]: success };
  for (const status of [...op.problems, 500 as const]) responses[status] = problemResponse(status);
  return {
    operationId: op.id,
    summary: op.summary,
    description: [
      op.description,
      scope ? `Needs a token with the \`${scope}\` scope (or \`admin\`).` : null,
      sessionRoles ? `Console session: ${sessionRoles}.` : null,
    ]
      .filter(Boolean)
      .join("\n\n"),
    tags: [op.tag],
    security: [...(scope ? [{ apiToken: [scope] }] : []), ...(sessionRoles ? [{ session: [] }] : [])],
    ...(scope ? { "x-keyhold-scope": scope } : {}),
    parameters: parameters(op),
    ...(op.body ? { requestBody: { required: false, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of API_OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  const schemas: Record<string, Json> = { Problem: jsonSchema(problemSchema, "output") };
  for (const op of API_OPERATIONS) schemas[op.success.name] = jsonSchema(op.success.schema, "output");
  const scopeLines = API_SCOPES.map((s) => `- \`${s}\`: ${SCOPE_DESCRIPTIONS[s]}`);
  return {
    openapi: "3.1.0",
    info: {
      title: "Keyhold API",
      version: "1",
      description:
        "The public API of a Keyhold console. Automation authenticates with a workspace API token (`Authorization: Bearer <token>`); every failure is an RFC 9457 problem (`application/problem+json`). Never a secret value in any answer.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: `A workspace API token. Scopes:\n${scopeLines.join("\n")}` },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The console's session (its own reads, from the browser)." },
      },
    },
  };
}
