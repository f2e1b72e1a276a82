// docs/roles.md and e2e/security/roles-table.ts (the authorization matrix's expectations) must say the same.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_RULES, CAPABILITY_HOLDERS, type Rule, ROLE_PRINCIPALS, ROUTE_RULES } from "./roles-table";

const doc = readFileSync(join(import.meta.dirname, "../../docs/roles.md"), "utf8");

/** The rows of the markdown table whose header row starts with `| first |`. */
function table(first: string): string[][] {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start === -1) throw new Error(`docs/roles.md has no table starting with "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

function ruleOf(cell: string): Rule {
  if (cell.startsWith("public")) return "public";
  if (cell.startsWith("signed in")) return "signed in";
  // Owner-configuration rows name the workspace's configuration first: that is the one the matrix calls.
  return ticked(cell)[0] as Rule;
}

describe("docs/roles.md and roles-table.ts agree", () => {
  it("on who holds each capability", () => {
    const rows = table("capability | viewer");
    const header = doc.split("\n").find((l) => l.startsWith("| capability | viewer"))!;
    const principals = header
      .slice(1, -1)
      .split("|")
      .slice(1)
      .map((c) => c.trim());
    expect(principals).toEqual(ROLE_PRINCIPALS.filter((p) => p !== "signed out"));
    const fromDoc = Object.fromEntries(rows.map(([cap, ...cells]) => [ticked(cap!)[0], principals.filter((_, i) => cells[i] === "yes")]));
    expect(fromDoc).toEqual(CAPABILITY_HOLDERS);
  });

  it("on the capability each action checks", () => {
    const fromDoc: Record<string, Rule> = {};
    for (const [actions, rule] of table("action (`lib/actions/…`)")) {
      for (const name of ticked(actions!)) if (name.endsWith("Action")) fromDoc[name] = ruleOf(rule!);
    }
    expect(fromDoc).toEqual(ACTION_RULES);
  });

  it("on who may call each route handler", () => {
    const fromDoc = table("route").map(([route, tokens, session]) => {
      const [method, path] = ticked(route!)[0]!.split(" ");
      const isPublic = tokens === "public";
      const own = tokens!.includes("(on its own workspace)");
      const scopes = tokens!.replace("(on its own workspace)", "").trim();
      return {
        method,
        path,
        tokens: isPublic || scopes === "no" ? [] : scopes.split(",").map((t) => t.trim()),
        session: isPublic || session === "no" ? null : ruleOf(session!),
        ...(isPublic ? { public: true } : {}),
        ...(own ? { ownWorkspace: true } : {}),
      };
    });
    expect(fromDoc).toEqual(ROUTE_RULES);
  });
});
