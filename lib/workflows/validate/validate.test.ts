// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflows under test write DSL runtime expressions as ${ … }
import { describe, expect, it } from "vitest";
import { validate } from "..";

const HEAD = "document: { dsl: '1.0.0', namespace: test, name: w, version: '1.0.0' }\nuse:\n  secrets: [k]\n";
const wf = (body: string) => `${HEAD}${body}`;
const errors = (text: string) => validate(text).problems.filter((p) => p.severity === "error");

describe("validate: text and schema", () => {
  it("accepts a valid workflow and lists the secrets it reads", () => {
    const r = validate(
      wf("do:\n  - a:\n      call: http\n      with:\n        method: get\n        endpoint: https://x.test\n        headers:\n          A: $SECRETS.k\n"),
    );
    expect(r.problems).toEqual([]);
    expect(r.workflow).not.toBeNull();
    expect(r.secretsRead).toEqual(["k"]);
  });

  it("reports YAML syntax errors with line and column", () => {
    const r = validate(`${HEAD}do:\n  - a: [unclosed\n`);
    expect(r.workflow).toBeNull();
    expect(r.problems[0]).toMatchObject({ severity: "error", line: expect.any(Number), column: expect.any(Number) });
  });

  it("reports schema errors at the deepest location, with its line and column", () => {
    expect(validate(wf("do:\n  - a:\n      set: 5\n")).problems).toEqual([
      { severity: "error", message: "must be object", pointer: "/do/0/a/set", line: 6, column: 7 },
    ]);
    expect(validate(wf("do:\n  - a:\n      set: { x: 1 }\n  - b:\n      wait: PT1S\n      bogus: 1\n")).problems).toEqual([
      { severity: "error", message: "unknown property 'bogus'", pointer: "/do/1/b", line: 7, column: 5 },
    ]);
  });

  it("reads JSON as well as YAML", () => {
    const json = JSON.stringify({ document: { dsl: "1.0.0", namespace: "t", name: "j", version: "1.0.0" }, do: [{ a: { set: { x: 1 } } }] });
    expect(validate(json).problems).toEqual([]);
  });
});

describe("validate: what this runtime refuses", () => {
  it.each([
    ["emit", "do:\n  - a:\n      emit: { event: { with: { source: 'https://s.test', type: t } } }\n", "`emit` tasks are not supported by this runtime"],
    ["listen", "do:\n  - a:\n      listen: { to: { one: { with: { type: t } } } }\n", "`listen` tasks are not supported by this runtime"],
    ["run", "do:\n  - a:\n      run: { shell: { command: ls } }\n", "`run` tasks are not supported by this runtime"],
    [
      "grpc",
      "do:\n  - a:\n      call: grpc\n      with: { proto: { endpoint: 'https://p.test' }, service: { name: s, host: h }, method: m }\n",
      "`call: grpc` is not supported",
    ],
    [
      "openapi",
      "do:\n  - a:\n      call: openapi\n      with: { document: { endpoint: 'https://p.test' }, operationId: o }\n",
      "`call: openapi` is not supported",
    ],
    ["unknown function", "do:\n  - a:\n      call: sendMail\n", "Unknown function 'sendMail'"],
    ["schedule", "schedule: { every: PT1M }\ndo:\n  - a:\n      set: { x: 1 }\n", "`schedule` is not supported"],
    ["use.functions", "  functions:\n    f:\n      set: { x: 1 }\ndo:\n  - a:\n      set: { x: 1 }\n", "`use.functions` is not supported"],
    ["use.extensions", "  extensions:\n    - e:\n        extend: all\ndo:\n  - a:\n      set: { x: 1 }\n", "`use.extensions` is not supported"],
    [
      "digest auth",
      "do:\n  - a:\n      call: http\n      with:\n        method: get\n        endpoint: { uri: 'https://x.test', authentication: { digest: { username: u, password: p } } }\n",
      "`digest` authentication is not supported",
    ],
    [
      "oauth2 password grant",
      "do:\n  - a:\n      call: http\n      with:\n        method: get\n        endpoint: { uri: 'https://x.test', authentication: { oauth2: { authority: 'https://a.test', grant: password, username: u, password: p } } }\n",
      "OAuth2 grant 'password' is not supported",
    ],
    ["then to nowhere", "do:\n  - a:\n      set: { x: 1 }\n      then: nowhere\n", "`then: nowhere` names no task"],
  ])("refuses %s", (_name, body, message) => {
    expect(
      errors(wf(body))
        .map((p) => p.message)
        .join("\n"),
    ).toContain(message);
  });
});

const http = (withBlock: string) => `do:\n  - a:\n      call: http\n      with:\n        method: post\n        endpoint: https://x.test\n${withBlock}`;

describe("validate: where a secret may appear", () => {
  it.each([
    ["a header ($SECRETS)", http("        headers:\n          Authorization: Bearer $SECRETS.k\n")],
    ["a header ($secrets)", http('        headers:\n          Authorization: ${ "Bearer " + $secrets.k }\n')],
    ["the query", http("        query:\n          key: $SECRETS.k\n")],
    ["the body", http("        body:\n          nested: [{ token: '${ $secrets[\"k\"] }' }]\n")],
    [
      "an inline authentication policy",
      "do:\n  - a:\n      call: http\n      with:\n        method: get\n        endpoint: { uri: 'https://x.test', authentication: { bearer: { token: $SECRETS.k } } }\n",
    ],
    [
      "use.authentications",
      "  authentications:\n    p:\n      basic: { username: u, password: $SECRETS.k }\ndo:\n  - a:\n      call: http\n      with:\n        method: get\n        endpoint: { uri: 'https://x.test', authentication: { use: p } }\n",
    ],
    ["a policy's `use: <secret>`", "  authentications:\n    p:\n      basic: { use: k }\ndo:\n  - a:\n      set: { x: 1 }\n"],
  ])("allows %s", (_name, body) => {
    const r = validate(wf(body));
    expect(r.problems).toEqual([]);
    expect(r.secretsRead).toEqual(["k"]);
  });

  it.each([
    ["input.from", "do:\n  - a:\n      input: { from: '${ $secrets.k }' }\n      set: { x: 1 }\n", "/do/0/a/input/from"],
    ["set", "do:\n  - a:\n      set: { x: $SECRETS.k }\n", "/do/0/a/set/x"],
    ["output.as", "do:\n  - a:\n      set: { x: 1 }\n      output: { as: '${ $secrets.k }' }\n", "/do/0/a/output/as"],
    ["export.as", "do:\n  - a:\n      set: { x: 1 }\n      export: { as: '${ { t: $secrets.k } }' }\n", "/do/0/a/export/as"],
    ["a switch condition", "do:\n  - a:\n      switch:\n        - c: { when: '${ $secrets.k == \"x\" }', then: end }\n", "/do/0/a/switch/0/c/when"],
    ["a task `if`", "do:\n  - a:\n      if: '${ $secrets.k != null }'\n      set: { x: 1 }\n", "/do/0/a/if"],
    ["raise", "do:\n  - a:\n      raise: { error: { type: 'https://e.test', status: 400, detail: $SECRETS.k } }\n", "/do/0/a/raise/error/detail"],
    ["function arguments", "do:\n  - a:\n      call: logError\n      with: { message: $SECRETS.k }\n", "/do/0/a/with/message"],
    ["the endpoint URI", "do:\n  - a:\n      call: http\n      with: { method: get, endpoint: 'https://x.test/$SECRETS.k' }\n", "/do/0/a/with/endpoint"],
    [
      "the endpoint userinfo",
      "do:\n  - a:\n      call: http\n      with: { method: get, endpoint: { uri: 'https://u:$SECRETS.k@x.test/' } }\n",
      "/do/0/a/with/endpoint/uri",
    ],
    ["workflow output.as", "output: { as: '${ $secrets.k }' }\ndo:\n  - a:\n      set: { x: 1 }\n", "/output/as"],
  ])("refuses a secret in %s", (_name, body, pointer) => {
    const found = errors(wf(body));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pointer, message: expect.stringContaining("may only be read in a `call: http` task's headers, query or body") });
  });

  it("refuses dynamic $secrets access, even where secrets are allowed", () => {
    for (const expr of ["$secrets[.name]", "$secrets | keys", "$secrets | to_entries | .[0].value"]) {
      const found = errors(wf(http(`        headers:\n          A: '\${ ${expr} }'\n`)));
      expect(found.map((p) => p.message)).toEqual([expect.stringContaining("only be read with a literal key")]);
    }
  });

  it("refuses $SECRETS without a name, $SECRETS inside an expression and $authorization", () => {
    expect(errors(wf(http("        headers:\n          A: 'Bearer $SECRETS'\n")))[0]?.message).toMatch(/must be followed by `.<name>`/);
    expect(errors(wf(http("        headers:\n          A: '${ \"$SECRETS.k\" }'\n")))[0]?.message).toMatch(/not replaced inside a runtime expression/);
    expect(errors(wf("do:\n  - a:\n      set: { x: '${ $authorization }' }\n"))[0]?.message).toMatch(/carries credentials/);
  });

  it("warns about names missing from use.secrets (reading one raises the authorization error at run time)", () => {
    const r = validate(wf(http("        headers:\n          A: $SECRETS.other\n")));
    expect(r.workflow).not.toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringContaining("'other' is not declared"), line: 11 })]);
  });
});
