// validate(text): YAML/JSON → DSL 1.0.0 schema → Keyhold's rules, each problem with its line and column.
import type { ValidationResult, Workflow } from "../types";
import { detectOlderForm } from "./older-form";
import { checkRules } from "./rules";
import { checkSchema } from "./schema";
import { readSource } from "./source";

const MAX_TEXT = 512 * 1024;

export function validate(text: string): ValidationResult {
  if (text.length > MAX_TEXT) {
    return {
      workflow: null,
      secretsRead: [],
      problems: [{ severity: "error", message: `The definition is larger than ${MAX_TEXT / 1024} KiB.`, pointer: "", line: 1, column: 1 }],
    };
  }
  const source = readSource(text);
  const done = (extra: Partial<ValidationResult> = {}): ValidationResult => {
    const ok = !source.problems.some((p) => p.severity === "error");
    const problems = [...source.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    return { workflow: ok ? (source.value as Workflow) : null, problems, secretsRead: [], ...extra };
  };
  if (source.problems.some((p) => p.severity === "error")) return done();
  if (typeof source.value !== "object" || source.value === null || Array.isArray(source.value)) {
    source.at("", "error", "A workflow definition is a YAML or JSON object with `document` and `do`.");
    return done();
  }
  const converted = detectOlderForm(source);
  if (converted !== null) return done({ converted });
  if (!checkSchema(source)) return done();
  const secretsRead = checkRules(source);
  return done({ secretsRead });
}
