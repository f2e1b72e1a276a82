import { describe, expect, it } from "vitest";
import { workflowGraph } from "./graph";

describe("workflow graph", () => {
  it("lists the top-level tasks in order with their kind, nested counts and flow directives", () => {
    const source = `document: { dsl: '1.0.0', namespace: demo, name: g, version: '1.0.0' }
do:
  - first:
      set: { a: 1 }
      then: last
  - middle:
      try:
        - inner:
            set: { b: 2 }
      catch:
        errors: { with: { status: 500 } }
  - last:
      call: http
      with: { method: get, endpoint: 'https://api.example.com/x' }
`;
    expect(workflowGraph(source)).toEqual([
      { name: "first", kind: "set", children: 0, then: "last" },
      { name: "middle", kind: "try", children: 1, then: null },
      { name: "last", kind: "call http", children: 0, then: null },
    ]);
    expect(workflowGraph("not: a workflow")).toEqual([]);
  });
});
