// The docs/roles.md table of API token scopes, rendered from the one scope table so the page cannot drift from
// the code (e2e/security/token-scopes.test.ts compares them and prints the table to paste when they differ).
import { TOKEN_SCOPE_NAMES, TOKEN_SCOPES } from "./token-scopes";

export const DOC_BEGIN = "<!-- token-scopes:begin";
export const DOC_END = "<!-- token-scopes:end -->";

export function tokenScopeTable(): string {
  const rows = TOKEN_SCOPE_NAMES.map((name) => {
    const s = TOKEN_SCOPES[name];
    const routes = s.routes.length ? s.routes.map((r) => `\`${r}\``).join(", ") : "all of the above";
    return `| \`${name}\` | ${s.label} | ${s.description} | ${s.level} | ${routes} |`;
  });
  return ["| scope | label | allows | acts on | routes |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The table between the markers of a page. */
export function extractTokenScopeTable(page: string): string | null {
  const begin = page.indexOf(DOC_BEGIN);
  const end = page.indexOf(DOC_END);
  if (begin < 0 || end < begin) return null;
  return page.slice(page.indexOf("\n", begin) + 1, end).trim();
}
