// Replaces every secret value resolved for a run, and the encoded forms a value takes on its way through
// HTTP and JSON, before anything leaves the engine. What this cannot catch is listed in docs/workflows.md
// ("What scrubbing cannot catch"): that is why secrets may not flow into task data at all.
export const REDACTED = "[REDACTED]";

/** Values shorter than this are not scrubbed: replacing every "a" would destroy the output and protect nothing. */
const MIN_LENGTH = 4;

function forms(value: string): string[] {
  const out = new Set<string>([value]);
  const b64 = Buffer.from(value, "utf8").toString("base64");
  out.add(b64);
  out.add(b64.replace(/=+$/, ""));
  out.add(b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  out.add(encodeURIComponent(value));
  out.add(new URLSearchParams({ v: value }).toString().slice(2)); // form encoding: spaces as "+"
  out.add(JSON.stringify(value).slice(1, -1));
  out.add(
    JSON.stringify(JSON.stringify(value))
      .slice(1, -1)
      .replace(/^\\"|\\"$/g, ""),
  ); // doubly JSON-escaped
  return [...out].filter((f) => f.length >= MIN_LENGTH);
}

export class Scrubber {
  private needles: string[] = [];

  /** Registers a value (and, for JSON objects, each string inside) to be scrubbed from now on. */
  add(value: string): void {
    const candidates = [value];
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object") collectStrings(parsed, candidates);
    } catch {
      // not JSON: the value alone
    }
    for (const c of candidates) for (const f of forms(c)) if (!this.needles.includes(f)) this.needles.push(f);
    // Longest first, so a value's base64 is replaced before a shorter value that happens to sit inside it.
    this.needles.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.needles.length;
  }

  text(input: string): string {
    let out = input;
    for (const n of this.needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  }

  /** Scrubs strings and object keys in any JSON-like value; returns a new value. */
  value<T>(input: T): T {
    if (this.needles.length === 0) return input;
    return this.walk(input) as T;
  }

  private walk(v: unknown): unknown {
    if (typeof v === "string") return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [this.text(k), this.walk(x)]));
    }
    return v;
  }
}

function collectStrings(v: unknown, into: string[]): void {
  if (typeof v === "string") into.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, into);
  else if (v && typeof v === "object") for (const x of Object.values(v)) collectStrings(x, into);
}
