// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflows under test write DSL runtime expressions as ${ … }
import { afterAll, describe, expect, it } from "vitest";
import { ERROR_TYPES, WorkflowError } from "../errors";
import { evaluateDeep, evaluateExpression } from "./evaluate";
import { JqPool } from "./pool";

const pool = new JqPool({ size: 1 });
// Generous for ordinary evaluations (the CI machine is shared); the limit tests below use their own.
const ev = { pool, timeoutMs: 5000 };
const LIMIT = { pool, timeoutMs: 300 };
afterAll(() => pool.close());

async function failure(p: Promise<unknown>): Promise<WorkflowError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowError);
  return err as WorkflowError;
}

describe("jq evaluation", () => {
  it("evaluates against the data with the arguments the filter names", async () => {
    expect(await evaluateExpression(ev, " .a + $input.b ", { a: 1 }, { input: { b: 2 }, context: { unused: true } })).toBe(3);
    expect(await evaluateExpression(ev, ".xs[]", { xs: [1, 2] }, {})).toEqual([1, 2]);
    expect(await evaluateExpression(ev, "empty", {}, {})).toBeNull();
    expect(await evaluateExpression(ev, "-1 # a comment", {}, {})).toBe(-1);
  });

  it("evaluates every expression inside an object and leaves plain strings alone", async () => {
    expect(await evaluateDeep(ev, { a: "${ .n * 2 }", b: ["x", "${ .n }"], c: 3 }, { n: 4 }, {})).toEqual({ a: 8, b: ["x", 4], c: 3 });
  });

  it("turns jq errors into the expression error (400)", async () => {
    const err = await failure(evaluateExpression(ev, ".a |", {}, {}));
    expect(err.problem).toMatchObject({ type: ERROR_TYPES.expression, status: 400 });
    expect(err.problem.detail).toMatch(/syntax error/);
    expect((await failure(evaluateExpression(ev, 'error("boom")', {}, {}))).problem.detail).toMatch(/boom/);
  });

  it("does not expose the process environment to $ENV", async () => {
    expect(JSON.stringify(await evaluateExpression(ev, "$ENV", {}, {}))).not.toContain(process.env.PATH);
  });
});

describe("jq worker pool limits", () => {
  it("stays correct over many evaluations (jq-wasm corrupts after ~300 runs of some filters; workers are recycled first)", async () => {
    for (let i = 0; i < 320; i++) expect(await evaluateExpression(ev, "(.n // 0) + 1", { n: i }, {})).toBe(i + 1);
  });

  it("faults `def f: f; f` with the expression error within the time limit instead of hanging", async () => {
    const started = performance.now();
    const err = await failure(evaluateExpression(LIMIT, "def f: f; f", {}, {}));
    expect(err.problem).toMatchObject({ type: ERROR_TYPES.expression, status: 400 });
    expect(performance.now() - started).toBeLessThan(2 * LIMIT.timeoutMs + 1500);
    expect(await evaluateExpression(ev, "1 + 1", {}, {})).toBe(2);
  });

  it("terminates a worker stuck in an endless loop and replaces it", async () => {
    const started = performance.now();
    const err = await failure(evaluateExpression(LIMIT, "until(false; .)", 0, {}));
    expect(err.problem.detail).toMatch(/time limit of 300 ms/);
    expect(performance.now() - started).toBeLessThan(LIMIT.timeoutMs + 1500);
    expect(await evaluateExpression(ev, ".", "still working", {})).toBe("still working");
    expect(pool.workers).toBe(1);
  });

  it("stops an evaluation that exhausts its memory before its time limit, and replaces the worker", async () => {
    // Doubling a string 40 times asks for a terabyte: jq-wasm's heap is capped at 256 MiB.
    const err = await failure(evaluateExpression({ pool, timeoutMs: 4000 }, 'reduce range(40) as $i ("x"; . + .) | length', {}, {}));
    expect(err.problem.type).toBe(ERROR_TYPES.expression);
    expect(err.problem.detail).not.toMatch(/time limit/);
    expect(await evaluateExpression(ev, "[range(3)]", {}, {})).toEqual([0, 1, 2]);
  });
});
