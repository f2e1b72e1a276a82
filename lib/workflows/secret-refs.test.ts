import { describe, expect, it } from "vitest";
import { scanExpression, scanPlain, substitutePlain } from "./secret-refs";

describe("$SECRETS.<name> in plain strings", () => {
  it.each([
    ["Bearer $SECRETS.api-key-secret", ["api-key-secret"]],
    ["$SECRETS.a_b-1/rest", ["a_b-1"]],
    ["$SECRETS.one and $SECRETS.two.", ["one", "two"]],
    ["$$SECRETS.escaped", []],
    ["no secrets here", []],
  ])("%s reads %j", (text, names) => {
    expect(scanPlain(text)).toEqual({ names, malformed: false });
  });

  it("flags $SECRETS without a name", () => {
    expect(scanPlain("x $SECRETS y").malformed).toBe(true);
    expect(scanPlain("$SECRETS.").malformed).toBe(true);
    expect(scanPlain("$SECRETS.ok").malformed).toBe(false);
  });

  it("replaces names with values, ends a name at the first other character, and unescapes $$SECRETS", () => {
    const values = { k: "V1", "a-b": "V2" };
    expect(substitutePlain("Bearer $SECRETS.k", values)).toBe("Bearer V1");
    expect(substitutePlain("$SECRETS.a-b.json?x=$SECRETS.k", values)).toBe("V2.json?x=V1");
    expect(substitutePlain("$$SECRETS.k costs $5", values)).toBe("$SECRETS.k costs $5");
  });
});

describe("$secrets in runtime expressions", () => {
  it.each([
    ['$secrets["api-key"]', ["api-key"]],
    ["$secrets.token", ["token"]],
    ['"Bearer " + $secrets . token', ["token"]],
    ['$secrets."with space"', ["with space"]],
    ["$secrets.creds.username", ["creds"]],
    ["$secretsX", []],
  ])("%s reads %j with a literal key", (body, names) => {
    expect(scanExpression(body)).toEqual({ names, dynamic: false, forbidden: [] });
  });

  it.each(["$secrets[.x]", "$secrets | keys", "$secrets | to_entries", "$secrets as $s | $s.a", "[$secrets[]]", "$secrets", "$secrets[$name]"])(
    "refuses %s as dynamic",
    (body) => {
      expect(scanExpression(body).dynamic).toBe(true);
    },
  );

  it("flags $authorization and the engine's own $__ arguments", () => {
    expect(scanExpression("$authorization.parameter").forbidden).toEqual(["$authorization"]);
    expect(scanExpression("$__in").forbidden).toEqual(["$__in"]);
  });
});
