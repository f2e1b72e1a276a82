// The two ways a workflow names a secret (docs/workflows.md "Reading a secret"):
//   - `$SECRETS.<name>` inside a plain string (Keyhold extension): <name> is [A-Za-z0-9_-]+ and ends at the
//     first other character; `$$SECRETS` is a literal `$SECRETS`;
//   - `$secrets` in a jq runtime expression, only with a literal key (`$secrets.name`, `$secrets["name"]`),
//     so every secret a workflow can touch is known before it runs.

const PLAIN = /(\$?)\$SECRETS(?:\.([A-Za-z0-9_-]+))?/g;
export const SECRET_NAME = /^[A-Za-z0-9_-]+$/;

export interface PlainScan {
  names: string[];
  /** `$SECRETS` not followed by `.<name>` (and not escaped). */
  malformed: boolean;
}

export function scanPlain(text: string): PlainScan {
  const names: string[] = [];
  let malformed = false;
  for (const m of text.matchAll(PLAIN)) {
    if (m[1]) continue;
    if (m[2]) names.push(m[2]);
    else malformed = true;
  }
  return { names, malformed };
}

/** Replaces `$SECRETS.<name>` with its value and `$$SECRETS` with `$SECRETS`. */
export function substitutePlain(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLAIN, (whole, escaped: string, name: string | undefined) => {
    if (escaped) return whole.slice(1);
    return name !== undefined ? (values[name] ?? "") : whole;
  });
}

/** True for strings that are runtime expressions in strict mode: the whole string is `${ … }`. */
export function isExpression(text: string): boolean {
  return /^\s*\$\{[\s\S]*\}\s*$/.test(text);
}

export function expressionBody(text: string): string {
  return text.trim().slice(2, -1);
}

export interface ExpressionScan {
  names: string[];
  /** `$secrets` used other than with a literal key (dynamic index, `keys`, `to_entries`, aliasing…). */
  dynamic: boolean;
  /** Uses an argument that carries resolved credentials (`$authorization`) or the engine's own (`$__…`). */
  forbidden: string[];
}

const SECRETS_VAR = /\$secrets(?![A-Za-z0-9_])/g;
const LITERAL_KEY = /^\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\.?\s*\[\s*"([^"\\]*)"\s*\]|\.\s*"([^"\\]*)")/;

export function scanExpression(body: string): ExpressionScan {
  const names: string[] = [];
  let dynamic = false;
  for (const m of body.matchAll(SECRETS_VAR)) {
    const rest = body.slice(m.index + m[0].length);
    const key = LITERAL_KEY.exec(rest);
    const name = key ? (key[1] ?? key[2] ?? key[3]) : undefined;
    if (name === undefined) dynamic = true;
    else names.push(name);
  }
  const forbidden = [...body.matchAll(/\$(authorization|__[A-Za-z0-9_]*)(?![A-Za-z0-9_])/g)].map((m) => m[0]);
  return { names, dynamic, forbidden };
}

/** Every secret a string reads, whichever form it uses. */
export function secretsIn(text: string): string[] {
  return isExpression(text) ? scanExpression(expressionBody(text)).names : scanPlain(text).names;
}

export function mentionsSecrets(text: string): boolean {
  if (isExpression(text)) return /\$secrets(?![A-Za-z0-9_])|\$SECRETS/.test(text);
  return scanPlain(text).names.length > 0 || scanPlain(text).malformed;
}
