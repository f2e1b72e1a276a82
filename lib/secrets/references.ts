// The reference grammar customers already use (docs/formats.md "Reference grammar"). Hand-written cursor parsing
// rather than one big regex: it stays linear on any input and can say at which column a reference goes wrong.
// Columns are 1-based UTF-16 offsets into the whole input, the unit a textarea's selectionStart uses.
import {
  AWS_PARTITIONS,
  AWS_REGION,
  parseSecretArn,
  SECRET_ARN_FORMAT,
  SECRET_ARN_SUFFIX,
  SECRET_ARN_SUFFIX_LENGTH,
  SECRET_NAME_CHAR,
  SECRET_NAME_MAX,
} from "@/lib/secrets/contracts/aws-arn";
import type { ProviderKind, SecretRef } from "@/lib/secrets/types";

/** The text every reference starts with: how a template is told from a literal, on the server and in the browser. */
export const REFERENCE_PREFIX = "{{workato:sm:";

type TemplatePart = { type: "text"; text: string } | { type: "ref"; ref: SecretRef; raw: string; column: number };

export class ReferenceParseError extends Error {
  readonly column: number;
  readonly expected: string;
  readonly problem: string;

  constructor(problem: string, column: number, expected: string) {
    super(`Invalid secret reference at column ${column}: ${problem}. Expected ${expected}`);
    this.name = "ReferenceParseError";
    this.column = column;
    this.expected = expected;
    this.problem = problem;
  }
}

const EXPECTED: Record<ProviderKind, string> = {
  aws: "{{workato:sm:<key>:<secret ARN>}}",
  azure: "{{workato:sm:<secret name>}} or {{workato:sm:<secret name>:<version id>}}",
  vault: "{{workato:sm:<key>:<engine>:<secret path>}}",
  gcp: "{{workato:sm:<secret id>}} or {{workato:sm:<secret id>:<version>}}",
};

export function expectedFormat(kind: ProviderKind): string {
  return EXPECTED[kind];
}

// Keys (AWS JSON keys, Vault KV keys) use the AWS secret-name alphabet: a plain-text AWS secret is selected by
// its name, so every name must be a valid key; ':' and '}' are excluded because they delimit the reference.
const isKeyChar = (c: string) => SECRET_NAME_CHAR.test(c);
const isAwsNameChar = isKeyChar;
const isAzureChar = (c: string) => /^[0-9A-Za-z-]$/.test(c);
const isGcpChar = (c: string) => /^[A-Za-z0-9_-]$/.test(c);
// Vault mount and path segments: no separators ('/', ':', '}'), no whitespace or braces that would read ambiguously.
const isVaultChar = (c: string) => /^[A-Za-z0-9_.@+=,~-]$/.test(c);
const isHexChar = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";

const AWS_SUFFIX = SECRET_ARN_SUFFIX;
const AWS_NAME_MAX = SECRET_NAME_MAX;

// Echo only printable ASCII: a field that held a literal password by mistake must not leak it through errors.
function describe(c: string): string {
  if (c === " ") return "a space";
  if (/^[\x21-\x7e]$/.test(c)) return `"${c}"`;
  return c.charCodeAt(0) < 0x20 ? "a control character" : "a non-ASCII character";
}

/** Walks [pos, end) of the input; every failure carries the absolute column. */
class Cursor {
  constructor(
    readonly text: string,
    public pos: number,
    readonly end: number,
    readonly expected: string,
  ) {}

  fail(problem: string, at = this.pos): never {
    throw new ReferenceParseError(problem, at + 1, this.expected);
  }
  peek(): string | undefined {
    return this.pos < this.end ? this.text[this.pos] : undefined;
  }
  take(allowed: (c: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.end && allowed(this.text[this.pos] as string)) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** A field that must be followed by ':' (when `more`) or by the end of the reference. */
  field(allowed: (c: string) => boolean, what: string, more: boolean): { value: string; start: number } {
    const start = this.pos;
    const value = this.take(allowed);
    const next = this.peek();
    if (next !== undefined && next !== ":") this.fail(`${describe(next)} is not allowed in the ${what}`);
    if (next === ":" && !more) this.fail(`unexpected ":" after the ${what}`);
    if (value === "") this.fail(`missing ${what}`);
    return { value, start };
  }
  colon(what: string): void {
    if (this.peek() !== ":") this.fail(`expected ":" followed by the ${what}`);
    this.pos++;
  }
  literal(word: string, problem: string): void {
    for (const ch of word) {
      if (this.peek() !== ch) this.fail(problem);
      this.pos++;
    }
  }
  done(): boolean {
    return this.pos >= this.end;
  }
}

function parseArn(cur: Cursor): string {
  const start = cur.pos;
  cur.literal("arn:", `expected a full secret ARN (${SECRET_ARN_FORMAT})`);
  const partition = cur.field((c) => /^[a-z-]$/.test(c), "ARN partition", true);
  if (!AWS_PARTITIONS.includes(partition.value)) cur.fail("the ARN partition must be aws, aws-cn or aws-us-gov", partition.start);
  cur.colon("service");
  cur.literal("secretsmanager:", 'the ARN service must be "secretsmanager"');
  const region = cur.field((c) => /^[a-z0-9-]$/.test(c), "region", true);
  if (region.value.length > 32 || !AWS_REGION.test(region.value)) cur.fail("invalid AWS region (e.g. us-east-1)", region.start);
  cur.colon("account ID");
  const account = cur.field(isDigit, "account ID", true);
  if (account.value.length !== 12) cur.fail("the account ID must be 12 digits", account.start);
  cur.colon("resource type");
  cur.literal("secret:", 'the ARN resource type must be "secret"');
  const name = cur.field(isAwsNameChar, "secret name", false);
  if (!AWS_SUFFIX.test(name.value) || name.value.length < 8) {
    cur.fail("the ARN must end with the secret name and the 6-character suffix AWS adds (e.g. prod/db-AbCdEf)");
  }
  if (name.value.length - SECRET_ARN_SUFFIX_LENGTH > AWS_NAME_MAX) cur.fail(`AWS secret names have at most ${AWS_NAME_MAX} characters`, name.start);
  return cur.text.slice(start, cur.pos);
}

function parseVaultPath(cur: Cursor, what: string, more: boolean): string {
  const start = cur.pos;
  for (;;) {
    const segStart = cur.pos;
    const seg = cur.take(isVaultChar);
    const next = cur.peek();
    if (next !== undefined && next !== "/" && next !== ":") cur.fail(`${describe(next)} is not allowed in the ${what}`);
    if (next === ":" && !more) cur.fail(`unexpected ":" in the ${what}`);
    if (seg === "") {
      const first = segStart === start;
      if (next === "/") cur.fail(first ? `the ${what} must not start with "/"` : `empty segment ("//") in the ${what}`);
      if (first) cur.fail(`missing ${what}`);
      cur.fail(`the ${what} must not end with "/"`, segStart - 1);
    }
    if (next !== "/") return cur.text.slice(start, cur.pos);
    cur.pos++;
  }
}

function parseBody(cur: Cursor, kind: ProviderKind): SecretRef {
  switch (kind) {
    case "aws": {
      const key = cur.field(isKeyChar, "key", true).value;
      cur.colon("secret ARN");
      return { kind, key, arn: parseArn(cur) };
    }
    case "azure": {
      const name = cur.field(isAzureChar, "secret name", true);
      if (name.value.length > 127) cur.fail("Azure secret names have at most 127 characters", name.start + 127);
      if (cur.done()) return { kind, name: name.value };
      cur.colon("version id");
      const version = cur.field(isHexChar, "version id", false);
      if (version.value.length !== 32) cur.fail("the version id must be 32 hexadecimal characters", version.start);
      return { kind, name: name.value, version: version.value };
    }
    case "vault": {
      const key = cur.field(isKeyChar, "key", true).value;
      cur.colon("engine");
      const engine = parseVaultPath(cur, "engine", true);
      cur.colon("secret path");
      return { kind, key, engine, path: parseVaultPath(cur, "secret path", false) };
    }
    case "gcp": {
      const id = cur.field(isGcpChar, "secret id", true);
      if (id.value.length > 255) cur.fail("Google secret ids have at most 255 characters", id.start + 255);
      if (cur.done()) return { kind, secretId: id.value };
      cur.colon("version");
      const version = cur.field(isAlnum, "version", false);
      if (version.value !== "latest" && !/^[1-9][0-9]*$/.test(version.value)) {
        cur.fail('the version must be "latest" or a positive number', version.start);
      }
      return { kind, secretId: id.value, version: version.value };
    }
  }
}

/** Parses the reference whose "{{workato:sm:" starts at `at`; returns it and the index just after "}}". */
function parseAt(text: string, at: number, kind: ProviderKind): { ref: SecretRef; end: number } {
  const expected = EXPECTED[kind];
  const bodyStart = at + REFERENCE_PREFIX.length;
  const close = text.indexOf("}", bodyStart);
  if (close === -1) throw new ReferenceParseError('unterminated reference (no closing "}}")', at + 1, expected);
  const cur = new Cursor(text, bodyStart, close, expected);
  const ref = parseBody(cur, kind);
  if (text[close + 1] !== "}") cur.fail('expected "}}" to close the reference', close);
  return { ref, end: close + 2 };
}

export function parseReference(text: string, kind: ProviderKind): SecretRef {
  for (let i = 0; i < REFERENCE_PREFIX.length; i++) {
    if (text[i] !== REFERENCE_PREFIX[i]) {
      throw new ReferenceParseError(`a reference starts with "${REFERENCE_PREFIX}"`, i + 1, EXPECTED[kind]);
    }
  }
  const { ref, end } = parseAt(text, 0, kind);
  if (end !== text.length) throw new ReferenceParseError("unexpected text after the reference", end + 1, EXPECTED[kind]);
  return ref;
}

export function parseTemplate(text: string, kind: ProviderKind): { parts: TemplatePart[]; refs: SecretRef[] } {
  const parts: TemplatePart[] = [];
  const refs: SecretRef[] = [];
  let pos = 0;
  for (let at = text.indexOf(REFERENCE_PREFIX); at !== -1; at = text.indexOf(REFERENCE_PREFIX, pos)) {
    if (at > pos) parts.push({ type: "text", text: text.slice(pos, at) });
    const { ref, end } = parseAt(text, at, kind);
    parts.push({ type: "ref", ref, raw: text.slice(at, end), column: at + 1 });
    refs.push(ref);
    pos = end;
  }
  if (pos < text.length) parts.push({ type: "text", text: text.slice(pos) });
  return { parts, refs };
}

export function hasReference(text: string): boolean {
  return text.includes(REFERENCE_PREFIX);
}

/** What stands for a template's literal parts wherever it is stored or shown in clear (docs/threat-model.md). */
export const TEMPLATE_MASK = "••••";

/**
 * The template with every literal part (text around its references) replaced by TEMPLATE_MASK; whitespace-only
 * parts stay. A reference runs from "{{workato:sm:" to the next "}}", whatever the provider, so this needs no
 * parse and works on text saved under any configuration.
 */
export function maskTemplate(text: string): string {
  let out = "";
  let pos = 0;
  const literal = (part: string) => (part.trim() === "" ? part : TEMPLATE_MASK);
  for (let at = text.indexOf(REFERENCE_PREFIX); at !== -1; at = text.indexOf(REFERENCE_PREFIX, pos)) {
    const close = text.indexOf("}}", at + REFERENCE_PREFIX.length);
    if (close === -1) break;
    out += literal(text.slice(pos, at)) + text.slice(at, close + 2);
    pos = close + 2;
  }
  return pos < text.length ? out + literal(text.slice(pos)) : out;
}

/** Whether the text is one reference and nothing else but surrounding whitespace (its body is not checked). */
export function isLoneReference(text: string): boolean {
  const t = text.trim();
  return t.startsWith(REFERENCE_PREFIX) && t.endsWith("}}") && !/[{}]/.test(t.slice(REFERENCE_PREFIX.length, -2));
}

export function formatReference(ref: SecretRef): string {
  const body = (() => {
    switch (ref.kind) {
      case "aws":
        return `${ref.key}:${ref.arn}`;
      case "azure":
        return ref.version === undefined ? ref.name : `${ref.name}:${ref.version}`;
      case "vault":
        return `${ref.key}:${ref.engine}:${ref.path}`;
      case "gcp":
        return ref.version === undefined ? ref.secretId : `${ref.secretId}:${ref.version}`;
    }
  })();
  return `${REFERENCE_PREFIX}${body}}}`;
}

export function renderTemplate(parts: readonly TemplatePart[], valueFor: (ref: SecretRef) => string): string {
  return parts.map((part) => (part.type === "text" ? part.text : valueFor(part.ref))).join("");
}

/** Validates a secret ARN on its own (columns count from the ARN's first character), then splits it. */
function arnParts(arn: string) {
  const cur = new Cursor(arn, 0, arn.length, SECRET_ARN_FORMAT);
  parseArn(cur);
  // The grammar accepted it, so the shared parser does too.
  return parseSecretArn(arn)!;
}

export function awsRegionFromArn(arn: string): string {
  return arnParts(arn).region;
}

/** The secret's name as AWS shows it: the ARN's last field without the "-XXXXXX" suffix AWS appends. */
export function awsSecretNameFromArn(arn: string): string {
  return arnParts(arn).name;
}
