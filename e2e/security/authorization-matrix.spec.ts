// The authorization matrix (docs/threat-model.md, docs/roles.md): every server action and route handler the
// build contains (its manifests, so what is added later is covered) × every kind of caller, against the server
// Playwright started. The expected cell comes from roles-table.ts, which roles-table.test.ts keeps equal to
// docs/roles.md. Fails on any unexpected allow, on any unexpected refusal (a broken fixture would otherwise
// hide a cell), and on an action or route the table or the fixtures do not know. Prints the table.
import { expect, test } from "../fixtures";
import { actionRefused, callAction } from "./action-call";
import { fixtureFor, ROUTE_QUERIES } from "./action-fixtures";
import { resetAws } from "../connections/support";
import { ACTION_RULES, PRINCIPALS, type Principal, ROUTE_RULES, routeAllows, sessionAllows } from "./roles-table";
import { actionsFromManifest, BASE, clearLoginAttempts, fillPath, routesFromManifest, seedWorld, type World } from "./surface";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

interface Row {
  target: string;
  cells: Record<string, { expected: boolean; actual: boolean; detail: string }>;
}

const mark = (c: Row["cells"][string]) => (c.expected === c.actual ? (c.actual ? "allow" : "deny") : c.actual ? "ALLOW!" : "DENY!");

function printTable(rows: Row[]): void {
  const heads = ["", ...PRINCIPALS.map((p) => p.replace("token:", "tok:"))];
  const width = (i: number) => Math.max(heads[i]!.length, 6);
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(46) : c.padEnd(width(i)))).join(" ");
  console.log(`\nAuthorization matrix (${rows.length} targets × ${PRINCIPALS.length} callers; ALLOW!/DENY! = unexpected)`);
  console.log(line(heads));
  for (const row of rows) console.log(line([row.target.slice(0, 46), ...PRINCIPALS.map((p) => mark(row.cells[p]!))]));
}

/** Runs `fn` over items with a few requests in flight: the server is shared with nothing else during the run. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

let world: World;

test.beforeAll(async () => {
  world = await seedWorld();
});
test.afterAll(async () => {
  await clearLoginAttempts();
  await resetAws();
});

test("every action and route × every caller: no unexpected allow", async () => {
  const actions = actionsFromManifest();
  const { handlers } = routesFromManifest();
  expect(actions.length).toBeGreaterThan(20);

  const unknown = actions.filter((a) => !ACTION_RULES[a.name] || !fixtureFor(a.name, world.ids)).map((a) => `${a.name} (${a.file})`);
  expect(unknown, "actions without a rule in roles-table.ts (and docs/roles.md) or a fixture in action-fixtures.ts").toEqual([]);
  const routeKeys = handlers.flatMap((h) => h.methods.map((m) => `${m} ${h.path}`));
  expect(
    routeKeys.filter((k) => !ROUTE_RULES.some((r) => `${r.method} ${r.path}` === k)),
    "routes missing from roles-table.ts",
  ).toEqual([]);

  const rows: Row[] = [];
  // Routes first: signing out (the last action) ends the sessions the secrets routes are called with.
  for (const rule of ROUTE_RULES) {
    const row: Row = { target: `${rule.method} ${rule.path}`, cells: {} };
    const url = `${BASE}${fillPath(rule.path, world.ids)}${ROUTE_QUERIES[rule.path] ?? ""}`;
    await pool(PRINCIPALS, 4, async (who: Principal) => {
      const body = rule.method === "POST" ? "{}" : undefined;
      const response = await fetch(url, {
        method: rule.method,
        headers: { origin: BASE, ...(body ? { "content-type": "application/json" } : {}), ...world.auth[who] },
        body,
        redirect: "manual",
      });
      const detail = `${response.status} ${(await response.text()).slice(0, 160)}`;
      expect(response.status, `${row.target} as ${who}: ${detail}`).toBeLessThan(500);
      row.cells[who] = { expected: routeAllows(rule, who), actual: ![401, 403, 404].includes(response.status), detail };
    });
    rows.push(row);
  }
  // Signing out ends the caller's session: it goes last.
  const ordered = [...actions.filter((a) => a.name !== "signOutAction"), ...actions.filter((a) => a.name === "signOutAction")];
  for (const action of ordered) {
    const row: Row = { target: action.name, cells: {} };
    const fields = fixtureFor(action.name, world.ids)!;
    const page = fillPath(action.page, world.ids);
    await pool(PRINCIPALS, 4, async (who: Principal) => {
      const outcome = await callAction(page, action.id, fields, world.auth[who]);
      const detail = `${outcome.status} ${outcome.redirect ?? ""} ${outcome.result?.message ?? ""}`.trim();
      expect(outcome.status, `${action.name} as ${who}: ${detail}`).toBeLessThan(500);
      row.cells[who] = {
        expected: sessionAllows(ACTION_RULES[action.name]!, who),
        actual: !actionRefused(outcome, ACTION_RULES[action.name] === "public"),
        detail,
      };
    });
    rows.push(row);
  }
  printTable(rows);
  const cells = rows.flatMap((r) => PRINCIPALS.map((p) => ({ cell: `${r.target} as ${p}`, ...r.cells[p]! })));
  const unexpectedAllows = cells.filter((c) => c.actual && !c.expected);
  const unexpectedDenies = cells.filter((c) => !c.actual && c.expected);
  console.log(`${cells.length} cells: ${unexpectedAllows.length} unexpected allows, ${unexpectedDenies.length} unexpected refusals`);
  for (const c of unexpectedDenies.slice(0, 12)) console.log(`  refused: ${c.cell}: ${c.detail.slice(0, 200)}`);
  expect(unexpectedAllows.map((c) => `${c.cell}: ${c.detail}`)).toEqual([]);
  expect(unexpectedDenies.map((c) => `${c.cell}: ${c.detail}`)).toEqual([]);
});
