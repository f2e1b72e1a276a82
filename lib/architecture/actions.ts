// Server actions are public POST endpoints: each exported action must authorize. It does so either by
// calling a require* helper from lib/auth/authorize.ts (directly or through a local helper that does), or by
// being built by a wrapper from lib/actions/safe-action.ts, which authorizes before it parses and runs.
import { maskSource } from "./imports";

/** Signing in is how one gets a session; signing out only ends the caller's own cookie session. */
const PUBLIC_ACTIONS = new Set(["signInAction", "signOutAction"]);
const REQUIRE_CALL = /\brequire(User|Workspace|Project)\w*\(/;

/** Top-level declarations of a formatted module: name, whether exported, and its text up to the next one. */
function declarations(text: string): Array<{ name: string; exported: boolean; body: string }> {
  const out: Array<{ name: string; exported: boolean; body: string }> = [];
  const start = /^(export\s+)?(?:async\s+)?(function|const|let)\s+([\w$]+)/gm;
  const matches = [...text.matchAll(start)];
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    out.push({ name: m[3]!, exported: Boolean(m[1]), body: text.slice(m.index, end) });
  });
  return out;
}

/** Names imported from the safe-action module: the wrappers an action may be built with. */
function wrappers(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["'](?:@\/lib\/actions|\.)\/safe-action["']/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** The exported actions of a 'use server' module that neither authorize nor come from a wrapper. */
export function unauthorizedActions(text: string): string[] {
  // Comments and strings are blanked first, so a mention of requireUser( in either does not count.
  const decls = declarations(maskSource(text));
  const authorizers = new Set(decls.filter((d) => !d.exported && REQUIRE_CALL.test(d.body)).map((d) => d.name));
  const callsAuthorizer = (body: string) => REQUIRE_CALL.test(body) || [...authorizers].some((name) => new RegExp(`\\b${name}\\(`).test(body));
  const wrap = wrappers(text);
  const builtByWrapper = (body: string) => [...wrap].some((w) => new RegExp(`^export\\s+const\\s+[\\w$]+(?:\\s*:[^=]+)?\\s*=\\s*${w}\\s*[(.<]`).test(body));
  return decls
    .filter((d) => d.exported && !PUBLIC_ACTIONS.has(d.name))
    .filter((d) => !callsAuthorizer(d.body) && !builtByWrapper(d.body))
    .map((d) => d.name);
}
