// DSL 1.0.0 schema validation through @serverlessworkflow/sdk. Its message lists every branch of every
// `oneOf`; the deepest locations say what is actually wrong, so only those are kept.
import * as sdkModule from "@serverlessworkflow/sdk";
import type { Source } from "./source";

// The SDK ships UMD: an ES-module loader puts its exports under `default`, a CommonJS one (tsx) at the top.
const sdk = ((sdkModule as unknown as { default?: typeof sdkModule }).default ?? sdkModule) as typeof sdkModule;
const sdkValidate = sdk.validate;

interface SchemaError {
  pointer: string;
  message: string;
  params: Record<string, unknown>;
}

function parseSdkMessage(message: string): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const line of message.split("\n")) {
    const m = /^- (\S*) \| (\S+) \| (.*?) \| (\{.*\})$/.exec(line);
    if (!m) continue;
    if (m[2]!.endsWith("/oneOf") || m[2]!.endsWith("/anyOf")) continue;
    let params: Record<string, unknown> = {};
    try {
      params = JSON.parse(m[4]!) as Record<string, unknown>;
    } catch {
      // keep the message without its parameters
    }
    errors.push({ pointer: m[1]!, message: m[3]!, params });
  }
  return errors;
}

function summarize(pointer: string, errors: SchemaError[]): string {
  const unknown = errors.map((e) => e.params.unevaluatedProperty ?? e.params.additionalProperty).filter(Boolean);
  if (unknown.length > 0) return `unknown property ${[...new Set(unknown)].map((p) => `'${String(p)}'`).join(", ")}`;
  const missing = [...new Set(errors.map((e) => e.params.missingProperty).filter(Boolean))];
  if (missing.length > 3 && /\/do\/\d+\/[^/]+$/.test(pointer))
    return "is not a task: it needs exactly one of call, do, fork, for, raise, set, switch, try, wait";
  if (missing.length > 0) return `must have ${missing.map((p) => `'${String(p)}'`).join(" or ")}`;
  return [...new Set(errors.map((e) => e.message))].slice(0, 3).join("; ");
}

export function checkSchema(source: Source): boolean {
  try {
    sdkValidate("Workflow", source.value as never);
    return true;
  } catch (err) {
    const errors = parseSdkMessage(err instanceof Error ? err.message : String(err));
    if (errors.length === 0) {
      source.at("", "error", `Not a valid DSL 1.0.0 workflow: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
      return false;
    }
    const pointers = [...new Set(errors.map((e) => e.pointer))];
    const deepest = pointers.filter((p) => !pointers.some((q) => q !== p && q.startsWith(`${p}/`)));
    for (const p of deepest)
      source.at(
        p,
        "error",
        summarize(
          p,
          errors.filter((e) => e.pointer === p),
        ),
      );
    return false;
  }
}
