// Property: whatever a generated workflow does with the data (echoing targets, jq transformations, logs,
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflows under test write DSL runtime expressions as ${ … }
// errors raised and caught), no form of a secret value reaches the output, the trace, an error or the log.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBody, secretsFrom } from "@/lib/testing/workflow-run";
import { startWorkflowTarget, type LocalTarget } from "@/lib/testing/workflow-target";
import type { LogEntry } from ".";

let target: LocalTarget;
beforeAll(async () => {
  target = await startWorkflowTarget({ apiKey: "unused-key", clientId: "cid", clientSecret: "unused-secret" });
});
afterAll(() => target.close());

const EXPRESSIONS = [
  ".",
  "tostring",
  "tojson",
  "@base64",
  "@uri",
  "@json",
  "[.. | strings]",
  "[paths]",
  "(.. | strings) |= ascii_downcase",
  "to_entries",
  "tojson | @base64",
  "(.. | strings) |= ascii_upcase",
];

const step = fc.oneof(
  fc.record({ kind: fc.constant("echo" as const), output: fc.constantFrom("content", "response", "raw"), inBody: fc.boolean() }),
  fc.record({ kind: fc.constant("set" as const), expr: fc.constantFrom(...EXPRESSIONS) }),
  fc.record({ kind: fc.constant("log" as const), expr: fc.constantFrom(...EXPRESSIONS) }),
  fc.record({ kind: fc.constant("caught" as const), status: fc.constantFrom(401, 500) }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function render(steps: Step[], raiseAtEnd: boolean): string {
  const tasks = steps.map((s, i) => {
    const n = `t${i}`;
    switch (s.kind) {
      case "echo":
        return `  - ${n}:\n      call: http\n      with:\n        method: post\n        endpoint: ${target.url}/echo\n        headers: { X-Key: 'Bearer $SECRETS.k', X-Expr: '\${ $secrets.k | @base64 }' }\n${s.inBody ? "        body: { copy: $SECRETS.k, nested: { v: '${ $secrets.k }' } }\n" : ""}        output: ${s.output}\n`;
      case "set":
        return `  - ${n}:\n      set: { v: '\${ ${s.expr} }' }\n`;
      case "log":
        return `  - ${n}:\n      call: logError\n      with: { message: '\${ ${s.expr} | tostring }' }\n`;
      default:
        return `  - ${n}:\n      try:\n        - c:\n            call: http\n            with:\n              method: get\n              endpoint: ${target.url}/status/${s.status}\n              headers: { Authorization: 'Bearer $SECRETS.k' }\n      catch:\n        do:\n          - keep:\n              set: { err: '\${ $error }' }\n`;
    }
  });
  const raise = raiseAtEnd ? `  - end:\n      raise: { error: { type: 'https://e.test/x', status: 500, detail: '\${ tostring }' } }\n` : "";
  return `use:\n  secrets: [k]\ndo:\n${tasks.join("")}${raise}`;
}

const encodings = (v: string) => [v, Buffer.from(v).toString("base64"), encodeURIComponent(v), JSON.stringify(v).slice(1, -1)];
// Secrets enter task data only through an echoing target, which is scrubbed on the way in; so not even a
// case-changed copy (which the final scrub could not recognise) may appear.
const forms = (v: string) => [...encodings(v), v.toLowerCase(), v.toUpperCase()];

describe("nothing leaks (property)", () => {
  it("no form of a secret reaches output, trace, errors or logs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKabcdefghjk0123456789-_.~+/="\\!@#%^&*'), minLength: 8, maxLength: 24 }),
        fc.array(step, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (secret, steps, raiseAtEnd) => {
          const logs: LogEntry[] = [];
          const { result, events } = await runBody(
            render(steps, raiseAtEnd),
            { seed: "data" },
            { resolveSecrets: secretsFrom({ k: secret }), log: (e) => logs.push(e) },
          );
          const emitted = JSON.stringify({ result, events, logs });
          for (const f of forms(secret)) expect(emitted).not.toContain(f);
        },
      ),
      { numRuns: 25 },
    );
  });
});
