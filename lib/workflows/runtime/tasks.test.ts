// One test (at least) per task kind and per data-flow step, through run() as a product would call it.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflows under test write DSL runtime expressions as ${ … }
import { describe, expect, it } from "vitest";
import { runBody } from "@/lib/testing/workflow-run";

describe("tasks", () => {
  it("set evaluates expressions against the task input", async () => {
    const { result } = await runBody("do:\n  - a:\n      set:\n        doubled: '${ .n * 2 }'\n        fixed: x\n", { n: 21 });
    expect(result).toEqual({ status: "completed", output: { doubled: 42, fixed: "x" } });
  });

  it("do runs a nested list and passes data along", async () => {
    const { result } = await runBody(
      "do:\n  - outer:\n      do:\n        - one:\n            set: { n: 1 }\n        - two:\n            set: { n: '${ .n + 1 }' }\n",
    );
    expect(result).toEqual({ status: "completed", output: { n: 2 } });
  });

  it("switch takes the first matching case and its flow directive, or the default", async () => {
    const body = (n: number) =>
      `do:\n  - s:\n      switch:\n        - big: { when: '\${ .n > 10 }', then: bigTask }\n        - other: { then: small }\n  - small:\n      set: { size: small }\n      then: end\n  - bigTask:\n      set: { size: big }\ninput:\n  from: '\${ { n: ${n} } }'\n`;
    expect((await runBody(body(50))).result).toEqual({ status: "completed", output: { size: "big" } });
    expect((await runBody(body(1))).result).toEqual({ status: "completed", output: { size: "small" } });
  });

  it("for iterates with $item/$index (or the names given) and stops when `while` turns false", async () => {
    const { result } = await runBody(
      "do:\n  - loop:\n      for: { each: x, in: '${ .xs }', at: i }\n      while: '${ (.sum // 0) < 5 }'\n      do:\n        - add:\n            set: { sum: '${ (.sum // 0) + $x }', last: '${ $i }', xs: '${ .xs }' }\n",
      { xs: [1, 2, 3, 4, 5] },
    );
    expect(result).toEqual({ status: "completed", output: { sum: 6, last: 2, xs: [1, 2, 3, 4, 5] } });
  });

  it("for refuses more items than the limit", async () => {
    const { result } = await runBody(
      "do:\n  - loop:\n      for: { in: '${ [range(20)] }' }\n      do:\n        - a:\n            set: { x: 1 }\n",
      {},
      { limits: { maxForIterations: 10 } },
    );
    expect(result).toMatchObject({ status: "faulted", error: { status: 500, instance: "/do/0/loop", detail: expect.stringContaining("limit of 10") } });
  });

  it("wait pauses for the duration and refuses one beyond the limit", async () => {
    const started = performance.now();
    expect((await runBody("do:\n  - w:\n      wait: { milliseconds: 50 }\n", { a: 1 })).result).toEqual({ status: "completed", output: { a: 1 } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    const { result } = await runBody("do:\n  - w:\n      wait: PT1H\n");
    expect(result).toMatchObject({ status: "faulted", error: { status: 400, type: expect.stringContaining("/configuration") } });
  });

  it("fork runs branches concurrently and collects their outputs in order", async () => {
    const { result, events } = await runBody(
      "do:\n  - f:\n      fork:\n        branches:\n          - first:\n              do:\n                - w: { wait: { milliseconds: 80 } }\n                - s: { set: { b: first } }\n          - second:\n              do:\n                - w: { wait: { milliseconds: 40 } }\n                - s: { set: { b: second } }\n",
    );
    expect(result).toEqual({ status: "completed", output: [{ b: "first" }, { b: "second" }] });
    // Both waits started before either finished, and the shorter one finished first.
    const waits = events
      .filter((e) => (e.type === "task.started" || e.type === "task.completed") && e.name === "w")
      .map((e) => `${e.type} ${"task" in e ? e.task.split("/")[7] : ""}`);
    expect(waits).toEqual(["task.started first", "task.started second", "task.completed second", "task.completed first"]);
  });

  it("fork with compete keeps the first branch to complete and stops the others", async () => {
    const { result, events } = await runBody(
      "do:\n  - f:\n      fork:\n        compete: true\n        branches:\n          - slow:\n              do:\n                - w: { wait: { milliseconds: 300 } }\n                - late: { set: { b: slow } }\n          - fast:\n              set: { b: fast }\n",
    );
    expect(result).toEqual({ status: "completed", output: { b: "fast" } });
    expect(events.some((e) => e.type === "task.started" && e.name === "late")).toBe(false);
  });

  it("raise faults the run with the error as written, instance defaulting to the task", async () => {
    const { result } = await runBody(
      "do:\n  - r:\n      raise:\n        error:\n          type: https://example.com/errors/out-of-stock\n          status: 409\n          title: Out of stock\n          detail: '${ \"item \" + .item }'\n",
      { item: "x1" },
    );
    expect(result).toEqual({
      status: "faulted",
      error: { type: "https://example.com/errors/out-of-stock", status: 409, title: "Out of stock", detail: "item x1", instance: "/do/0/r" },
    });
  });

  it("raise can name an error from use.errors", async () => {
    const { result } = await runBody(
      "use:\n  errors:\n    nope:\n      type: https://example.com/nope\n      status: 422\ndo:\n  - r:\n      raise: { error: nope }\n",
    );
    expect(result).toMatchObject({ status: "faulted", error: { type: "https://example.com/nope", status: 422, instance: "/do/0/r" } });
  });

  it("call: logError and logInfo write to the run log and pass the input through", async () => {
    const logs: unknown[] = [];
    const { result, events } = await runBody(
      "do:\n  - l:\n      call: logInfo\n      with: { message: '${ \"saw \" + .x }', extra: 1 }\n",
      { x: "y" },
      { log: (e) => logs.push(e) },
    );
    expect(result).toEqual({ status: "completed", output: { x: "y" } });
    expect(logs).toEqual([{ level: "info", message: "saw y", task: "/do/0/l", data: { extra: 1 } }]);
    expect(events.some((e) => e.type === "log")).toBe(true);
  });
});

describe("flow directives and task options", () => {
  it("then: <task> jumps, then: exit leaves the enclosing list, then: end ends the workflow", async () => {
    const { result } = await runBody(
      "do:\n  - a:\n      set: { path: [a] }\n      then: c\n  - b:\n      set: { path: '${ .path + [\"b\"] }' }\n  - c:\n      do:\n        - c1:\n            set: { path: '${ .path + [\"c1\"] }' }\n            then: exit\n        - c2:\n            set: { path: '${ .path + [\"c2\"] }' }\n  - d:\n      set: { path: '${ .path + [\"d\"] }' }\n      then: end\n  - e:\n      set: { path: '${ .path + [\"e\"] }' }\n",
    );
    expect(result).toEqual({ status: "completed", output: { path: ["a", "c1", "d"] } });
  });

  it("then: end inside a nested list ends the whole workflow", async () => {
    const { result } = await runBody(
      "do:\n  - a:\n      do:\n        - inner:\n            set: { x: 1 }\n            then: end\n  - b:\n      set: { x: 2 }\n",
    );
    expect(result).toEqual({ status: "completed", output: { x: 1 } });
  });

  it("a loop made with then: <earlier task> is bounded by maxTasks", async () => {
    const { result } = await runBody("do:\n  - a:\n      set: { x: 1 }\n      then: a\n", {}, { limits: { maxTasks: 50 } });
    expect(result).toMatchObject({
      status: "faulted",
      error: { type: expect.stringContaining("/runtime"), detail: expect.stringContaining("more than 50 tasks") },
    });
  });

  it("if: false skips the task and keeps the data", async () => {
    const { result, events } = await runBody("do:\n  - a:\n      if: '${ .go }'\n      set: { x: 1 }\n", { go: false });
    expect(result).toEqual({ status: "completed", output: { go: false } });
    expect(events.map((e) => e.type)).toContain("task.skipped");
  });

  it("input.from, output.as and export.as shape the data and $context", async () => {
    const { result } = await runBody(
      "do:\n  - a:\n      input: { from: '${ .order }' }\n      set: { id: '${ .id }', seen: '${ $input.id }' }\n      output: { as: '${ { id: .id, seen } }' }\n      export: { as: '${ $context + { lastId: .id } }' }\n  - b:\n      set: { fromContext: '${ $context.lastId }', previous: '${ . }' }\n",
      { order: { id: 7 } },
    );
    expect(result).toEqual({ status: "completed", output: { fromContext: 7, previous: { id: 7, seen: 7 } } });
  });

  it("workflow input.from and output.as apply to the run", async () => {
    const { result } = await runBody("input: { from: '${ .payload }' }\noutput: { as: '${ .n }' }\ndo:\n  - a:\n      set: { n: '${ .n + 1 }' }\n", {
      payload: { n: 1 },
    });
    expect(result).toEqual({ status: "completed", output: 2 });
  });

  it("emits started/completed events with the task's JSON pointer and duration", async () => {
    const { events } = await runBody("do:\n  - a:\n      set: { x: 1 }\n");
    expect(events.map((e) => e.type)).toEqual(["workflow.started", "task.started", "task.completed", "workflow.completed"]);
    expect(events[2]).toMatchObject({ task: "/do/0/a", name: "a", output: { x: 1 }, durationMs: expect.any(Number) });
  });

  it("cancelling through the signal ends the run as cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const { result } = await runBody("do:\n  - w:\n      wait: PT5S\n", {}, { signal: controller.signal });
    expect(result).toEqual({ status: "cancelled" });
  });
});
