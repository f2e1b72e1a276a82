// Validates a real response against the OpenAPI document (lib/api-contract/document.ts) with Ajv's JSON Schema
// 2020-12 validator, the dialect OpenAPI 3.1 uses. For the contract tests (vitest and Playwright): an answer the
// document does not describe (status, content type or body) is a list of readable errors (docs/api.md).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApiDocument } from "@/lib/api-contract/document";

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export interface ContractCheck {
  operationId: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export function contractValidator(doc: Document = buildOpenApiDocument() as unknown as Document) {
  // Component refs point into the OpenAPI document; as $defs of one schema Ajv resolves them itself.
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const operations = new Map<string, Operation>();
  for (const methods of Object.values(doc.paths)) for (const op of Object.values(methods)) operations.set(op.operationId, op);

  return function check({ operationId, status, contentType, body }: ContractCheck): string[] {
    const op = operations.get(operationId);
    if (!op) return [`no operation ${operationId} in the document`];
    const response = op.responses[String(status)];
    if (!response) return [`${operationId} does not document status ${status}`];
    const media = (contentType ?? "").split(";")[0]!.trim();
    const content = response.content?.[media];
    if (!content) return [`${operationId} ${status} does not document content type ${media || "(none)"}`];
    const ref = JSON.stringify(content.schema).replaceAll("#/components/schemas/", "#/$defs/");
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ ...JSON.parse(ref), $defs: defs });
      compiled.set(ref, validate);
    }
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${operationId} ${status}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** Reads a fetch Response (cloned) and checks it. */
export async function checkResponse(check: ReturnType<typeof contractValidator>, operationId: string, res: Response): Promise<string[]> {
  const text = await res.clone().text();
  return check({ operationId, status: res.status, contentType: res.headers.get("content-type"), body: text ? JSON.parse(text) : undefined });
}
