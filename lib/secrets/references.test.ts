import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ReferenceParseError,
  awsRegionFromArn,
  awsSecretNameFromArn,
  expectedFormat,
  formatReference,
  hasReference,
  isLoneReference,
  maskTemplate,
  TEMPLATE_MASK,
  parseReference,
  parseTemplate,
  renderTemplate,
} from "./references";
import { PROVIDER_KINDS, type ProviderKind, type SecretRef } from "./types";

const PREFIX = "{{workato:sm:";
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const chars = (set: string, minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });

const awsKey = chars(`${ALNUM}_.@/+=-`, 1, 20);
const awsArn = fc
  .record({
    partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
    region: fc.constantFrom("us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-2", "eu-central-1"),
    account: chars("0123456789", 12, 12),
    name: chars(`${ALNUM}/_+=.@-`, 1, 40),
    suffix: chars(ALNUM, 6, 6),
  })
  .map((a) => `arn:${a.partition}:secretsmanager:${a.region}:${a.account}:secret:${a.name}-${a.suffix}`);
const vaultPath = fc.array(chars(`${ALNUM}_.@+=,~-`, 1, 10), { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));

const refOf: Record<ProviderKind, fc.Arbitrary<SecretRef>> = {
  // Spread: fc.record builds null-prototype objects, which toStrictEqual tells apart from parsed ones.
  aws: fc.record({ kind: fc.constant("aws" as const), key: awsKey, arn: awsArn }).map((r) => ({ ...r })),
  azure: fc
    .tuple(chars(`${ALNUM}-`, 1, 127), fc.option(chars("0123456789abcdefABCDEF", 32, 32), { nil: undefined }))
    .map(([name, version]): SecretRef => (version === undefined ? { kind: "azure", name } : { kind: "azure", name, version })),
  vault: fc.record({ kind: fc.constant("vault" as const), key: awsKey, engine: vaultPath, path: vaultPath }).map((r) => ({ ...r })),
  gcp: fc
    .tuple(chars(`${ALNUM}_-`, 1, 255), fc.option(fc.oneof(fc.constant("latest"), fc.integer({ min: 1 }).map(String)), { nil: undefined }))
    .map(([secretId, version]): SecretRef => (version === undefined ? { kind: "gcp", secretId } : { kind: "gcp", secretId, version })),
};
const kind = fc.constantFrom(...PROVIDER_KINDS);
const anyRef = kind.chain((k) => refOf[k]);
const plainText = fc.string({ maxLength: 20 }).filter((t) => !t.includes(PREFIX));

/** Asserts the failure is a ReferenceParseError pointing inside the input (or just past its end). */
function parseFailure(fn: () => unknown, text: string): ReferenceParseError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(ReferenceParseError);
    const e = err as ReferenceParseError;
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeLessThanOrEqual(text.length + 1);
    expect(e.message).toContain(`at column ${e.column}:`);
    return e;
  }
}

function errorOf(text: string, k: ProviderKind): ReferenceParseError {
  const err = parseFailure(() => parseTemplate(text, k), text);
  if (!err) throw new Error(`expected ${JSON.stringify(text)} to be refused for ${k}`);
  expect(err.expected).toBe(expectedFormat(k));
  expect(err.message.endsWith(`Expected ${expectedFormat(k)}`)).toBe(true);
  return err;
}

describe("round trips", () => {
  it("parse(format(ref)) is ref, for every kind", () => {
    fc.assert(
      fc.property(anyRef, (ref) => {
        const text = formatReference(ref);
        expect(parseReference(text, ref.kind)).toStrictEqual(ref);
        expect(formatReference(parseReference(text, ref.kind))).toBe(text);
      }),
    );
  });

  it("templates with several references and text keep every part in place", () => {
    const template = kind.chain((k) => fc.tuple(fc.constant(k), fc.array(fc.oneof(plainText, refOf[k]), { maxLength: 6 })));
    fc.assert(
      fc.property(template, ([k, pieces]) => {
        const text = pieces.map((p) => (typeof p === "string" ? p : formatReference(p))).join("");
        const { parts, refs } = parseTemplate(text, k);
        expect(refs).toStrictEqual(pieces.filter((p) => typeof p !== "string"));
        expect(renderTemplate(parts, formatReference)).toBe(text);
        for (const part of parts) {
          if (part.type === "ref") expect(text.slice(part.column - 1).startsWith(part.raw)).toBe(true);
        }
      }),
    );
  });
});

describe("robustness", () => {
  const fragments = fc
    .array(
      fc.oneof(
        fc.constantFrom(PREFIX, "}}", "}", "{{", ":", "/", "//", "-", " ", "\n", "é", "😀", "arn:", "aws", "latest", "0"),
        fc.constantFrom("secretsmanager:", "us-east-1:", "123456789012:", "secret:", "-AbCdEf", "0123456789abcdef"),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 12 },
    )
    .map((a) => a.join(""));
  const inputs = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fragments,
    fragments.map((f) => PREFIX + f),
  );

  it("only ever throws ReferenceParseError, and what parses renders back unchanged", () => {
    fc.assert(
      fc.property(inputs, kind, (text, k) => {
        parseFailure(() => parseReference(text, k), text);
        let parsed: ReturnType<typeof parseTemplate> | undefined;
        parseFailure(() => (parsed = parseTemplate(text, k)), text);
        if (parsed) expect(renderTemplate(parsed.parts, formatReference)).toBe(text);
        if (!hasReference(text)) expect(parsed?.refs).toStrictEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("stays linear on long hostile inputs", { timeout: 5_000 }, () => {
    const n = 100_000;
    expect(errorOf(PREFIX + "a".repeat(n), "azure").problem).toMatch(/unterminated/);
    expect(errorOf(`${PREFIX}k:${"a/".repeat(n)}}}`, "vault")).toMatchObject({ column: PREFIX.length + 2 + 2 * n });
    expect(errorOf(`${PREFIX}k:arn:aws:secretsmanager:${"a-".repeat(n)}}}`, "aws").problem).toMatch(/region/);
    expect(parseTemplate(`${PREFIX}x}} `.repeat(n / 10), "gcp").refs).toHaveLength(n / 10);
  });
});

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
describe("AWS", () => {
  it("parses the DESIGN example", () => {
    const ref = parseReference(`{{workato:sm:password:${ARN}}}`, "aws");
    expect(ref).toStrictEqual({ kind: "aws", key: "password", arn: ARN });
    expect(awsRegionFromArn(ARN)).toBe("us-east-1");
    expect(awsSecretNameFromArn(ARN)).toBe("prod/db");
  });

  it("accepts every name character and the other partitions", () => {
    const arn = "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:team/a_b+c=d.e@f-g-AbC123";
    expect(parseReference(`{{workato:sm:db.user@x:${arn}}}`, "aws")).toStrictEqual({ kind: "aws", key: "db.user@x", arn });
    expect(awsSecretNameFromArn(arn)).toBe("team/a_b+c=d.e@f-g");
    expect(awsRegionFromArn(arn)).toBe("us-gov-west-1");
  });

  it.each([
    ["{{workato:sm:password}}", 22, /expected ":" followed by the secret ARN/],
    ["{{workato:sm:pass word:ARN}}", 18, /a space is not allowed in the key/],
    ["{{workato:sm::ARN}}", 14, /missing key/],
    ["{{workato:sm:password:prod/db}}", 23, /full secret ARN/],
    ["{{workato:sm:password:arn:aws-eu:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf}}", 27, /partition/],
    ["{{workato:sm:password:arn:aws:s3:us-east-1:123456789012:secret:a-AbCdEf}}", 32, /secretsmanager/],
    ["{{workato:sm:password:arn:aws:secretsmanager:useast:123456789012:secret:a-AbCdEf}}", 46, /region/],
    ["{{workato:sm:password:arn:aws:secretsmanager:us-east-1:12345678901:secret:a-AbCdEf}}", 56, /12 digits/],
    ["{{workato:sm:password:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db}}", 83, /6-character suffix/],
    ["{{workato:sm:password:arn:aws:secretsmanager:us-east-1:123456789012:secret:a b-AbCdEf}}", 77, /space/],
  ])("%s fails at column %i", (text, column, problem) => {
    const err = errorOf(text, "aws");
    expect(err.column).toBe(column);
    expect(err.problem).toMatch(problem);
  });

  it("reads ARN helpers only from valid ARNs", () => {
    expect(() => awsRegionFromArn("arn:aws:secretsmanager:us-east-1")).toThrow(ReferenceParseError);
  });
});

describe("Azure", () => {
  const version = "0123456789abcdef0123456789ABCDEF";
  it("parses a name with and without a version", () => {
    expect(parseReference("{{workato:sm:db-password}}", "azure")).toStrictEqual({ kind: "azure", name: "db-password" });
    expect(parseReference(`{{workato:sm:db-password:${version}}}`, "azure")).toStrictEqual({
      kind: "azure",
      name: "db-password",
      version,
    });
  });

  it.each([
    ["{{workato:sm:db_password}}", 16, /"_" is not allowed in the secret name/],
    [`{{workato:sm:${"a".repeat(128)}}}`, 141, /127/],
    ["{{workato:sm:db:abc}}", 17, /32 hexadecimal/],
    ["{{workato:sm:db:}}", 17, /missing version id/],
    [`{{workato:sm:db:${version}:x}}`, 49, /unexpected ":"/],
  ])("%s fails at column %i", (text, column, problem) => {
    const err = errorOf(text, "azure");
    expect(err.column).toBe(column);
    expect(err.problem).toMatch(problem);
  });
});

describe("Vault", () => {
  it("parses engines and paths with slashes", () => {
    expect(parseReference("{{workato:sm:password:kv/team-a:apps/db}}", "vault")).toStrictEqual({
      kind: "vault",
      key: "password",
      engine: "kv/team-a",
      path: "apps/db",
    });
  });

  it.each([
    ["{{workato:sm:password:/kv:db}}", 23, /must not start with "\/"/],
    ["{{workato:sm:password:kv//a:db}}", 26, /empty segment/],
    ["{{workato:sm:password:kv:db/}}", 28, /must not end with "\/"/],
    ["{{workato:sm:password:kv}}", 25, /followed by the secret path/],
    ["{{workato:sm:password:kv:db:extra}}", 28, /unexpected ":" in the secret path/],
  ])("%s fails at column %i", (text, column, problem) => {
    const err = errorOf(text, "vault");
    expect(err.column).toBe(column);
    expect(err.problem).toMatch(problem);
  });
});

describe("Google", () => {
  it("parses ids with latest, numbered and default versions", () => {
    expect(parseReference("{{workato:sm:db_pass-1}}", "gcp")).toStrictEqual({ kind: "gcp", secretId: "db_pass-1" });
    expect(parseReference("{{workato:sm:db:latest}}", "gcp")).toStrictEqual({ kind: "gcp", secretId: "db", version: "latest" });
    expect(parseReference("{{workato:sm:db:42}}", "gcp")).toStrictEqual({ kind: "gcp", secretId: "db", version: "42" });
  });

  it.each([
    ["{{workato:sm:db.pass}}", 16, /"\." is not allowed in the secret id/],
    ["{{workato:sm:db:0}}", 17, /positive number/],
    ["{{workato:sm:db:LATEST}}", 17, /latest/],
    [`{{workato:sm:${"a".repeat(256)}}}`, 269, /255/],
  ])("%s fails at column %i", (text, column, problem) => {
    const err = errorOf(text, "gcp");
    expect(err.column).toBe(column);
    expect(err.problem).toMatch(problem);
  });
});

describe("templates", () => {
  it("keeps text, other {{...}} and references apart", () => {
    const { parts, refs } = parseTemplate("{{user}} Bearer {{workato:sm:token}}!", "azure");
    expect(refs).toStrictEqual([{ kind: "azure", name: "token" }]);
    expect(parts).toStrictEqual([
      { type: "text", text: "{{user}} Bearer " },
      { type: "ref", ref: { kind: "azure", name: "token" }, raw: "{{workato:sm:token}}", column: 17 },
      { type: "text", text: "!" },
    ]);
    expect(renderTemplate(parts, () => "v")).toBe("{{user}} Bearer v!");
  });

  it("refuses unterminated references and a single closing brace", () => {
    expect(errorOf("Bearer {{workato:sm:token", "gcp").column).toBe(8);
    expect(errorOf("{{workato:sm:token} x", "gcp")).toMatchObject({ column: 19, problem: 'expected "}}" to close the reference' });
  });

  it("refuses a reference in another provider's format where it goes wrong", () => {
    const err = errorOf(`{{workato:sm:password:${ARN}}}`, "azure");
    expect(err.column).toBe(24);
    expect(err.message).toBe(`Invalid secret reference at column 24: "r" is not allowed in the version id. Expected ${expectedFormat("azure")}`);
  });

  it("parseReference wants exactly one reference", () => {
    const columnOf = (text: string) => parseFailure(() => parseReference(text, "azure"), text)?.column;
    expect(columnOf(" {{workato:sm:a}}")).toBe(1);
    expect(columnOf("{{workato:sm:a}} ")).toBe(17);
    expect(columnOf("{{workato:")).toBe(11);
  });

  it("hasReference looks for the prefix only", () => {
    expect(hasReference("x {{workato:sm:")).toBe(true);
    expect(hasReference("{{workato:SM:a}} {{user}}")).toBe(false);
  });

  it("isLoneReference accepts one reference with whitespace around it, as the old pattern did", () => {
    const old = (t: string) => /^\s*\{\{workato:sm:[^{}]*\}\}\s*$/.test(t);
    const cases = [
      "{{workato:sm:a:b}}",
      "  {{workato:sm:x}}\n",
      "{{workato:sm:}}",
      "a {{workato:sm:x}}",
      "{{workato:sm:x}} {{workato:sm:y}}",
      "{{workato:sm:x}",
      "{{workato:sm:{x}}",
      "",
      "{{workato:SM:x}}",
    ];
    for (const text of cases) expect(isLoneReference(text), JSON.stringify(text)).toBe(old(text));
    expect(isLoneReference(" {{workato:sm:k:arn}} ")).toBe(true);
    expect(isLoneReference("{{workato:sm:x}} tail")).toBe(false);
  });
});

describe("maskTemplate", () => {
  const ref = "{{workato:sm:token:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-AbCdEf}}";
  it("masks the text around references and keeps the references", () => {
    expect(maskTemplate(`Bearer ${ref}`)).toBe(`${TEMPLATE_MASK}${ref}`);
    expect(maskTemplate(`a${ref}b${ref}c`)).toBe(`${TEMPLATE_MASK}${ref}${TEMPLATE_MASK}${ref}${TEMPLATE_MASK}`);
    expect(maskTemplate(ref)).toBe(ref);
    expect(maskTemplate(` ${ref}\n`)).toBe(` ${ref}\n`);
    expect(maskTemplate("no reference")).toBe(TEMPLATE_MASK);
  });
  it("never keeps a literal part, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== "" && !s.includes("{{")),
        fc.string(),
        (prefix, rest) => {
          const suffix = rest.replaceAll("{", "");
          expect(maskTemplate(`${prefix}${ref}${suffix}`)).toBe(`${TEMPLATE_MASK}${ref}${suffix.trim() === "" ? suffix : TEMPLATE_MASK}`);
        },
      ),
    );
  });
});
