// Fuzz test (docs/threat-model.md "No 500s from bad input"): fast-check generates requests against every server
// action, route handler and page (form) the build contains (surface.ts reads its manifests): malformed and
// broken multipart bodies, JSON and text where a form is expected, wrong types, huge numbers, wrong methods,
// missing and garbage Next-Action ids, signed in, signed out and with a token, now and then from another origin.
// Loopback only: the server under test and the world's own connections (a closed port on 127.0.0.1). Bounded:
// REQUESTS requests, at most TIME_LIMIT_MS. Passes only with 0 responses of status 500; prints the count.
import fc from "fast-check";
import { expect, test } from "../fixtures";
import { resetAws } from "../connections/support";
import { actionBody } from "./action-call";
import { ACTION_FIXTURES, fixtureFor } from "./action-fixtures";
import { type ActionEntry, actionsFromManifest, BASE, clearLoginAttempts, fillPath, routesFromManifest, seedWorld, type World } from "./surface";

const REQUESTS = 1_000;
const TIME_LIMIT_MS = 75_000;
const SEED = Number(process.env.FUZZ_SEED ?? 1_317);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
  label: string;
}

const HUGE = [
  "99999999999999999999",
  "-1",
  "0",
  "1e309",
  "NaN",
  "2147483648",
  "1.5",
  "0x10",
  "",
  " ",
  "null",
  "[]",
  "{}",
  "%00",
  "../../etc/passwd",
  "💥".repeat(50),
];
const garbage = fc.oneof(
  fc.constantFrom(...HUGE),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constant("x".repeat(5_000)),
);

/** A form field value: the fixture's own, a garbage value, or a huge number. */
const fieldValue = (original: string) => fc.oneof({ weight: 2, arbitrary: fc.constant(original) }, { weight: 3, arbitrary: garbage });

/** Bodies for a POST: React-shaped forms with fuzzed fields, and everything a form is not. */
function bodyArb(fields: Record<string, string>) {
  const names = Object.keys(fields);
  const fuzzedForm = fc
    .record(Object.fromEntries(names.map((n) => [n, fieldValue(fields[n]!)])) as Record<string, fc.Arbitrary<string>>)
    .chain((f) => fc.record({ extra: fc.dictionary(fc.string({ maxLength: 12 }), garbage, { maxKeys: 3 }) }).map(({ extra }) => ({ ...f, ...extra })))
    .map((f) => ({ kind: "form", body: actionBody(f) as BodyInit, type: undefined as string | undefined }));
  const boundary = "----fuzz7d91";
  return fc.oneof(
    { weight: 5, arbitrary: fuzzedForm },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ kind: "json", body: JSON.stringify(v) as BodyInit, type: "application/json" })) },
    { weight: 1, arbitrary: garbage.map((t) => ({ kind: "text", body: t as BodyInit, type: "text/plain;charset=UTF-8" })) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 200 }).map((t) => ({
        kind: "broken-multipart",
        body: `--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n${t}` as BodyInit,
        type: `multipart/form-data; boundary=${boundary}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 60 }).map((root) => {
        const form = new FormData();
        form.append("0", root);
        return { kind: "bad-root", body: form as BodyInit, type: undefined };
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "empty", body: "" as BodyInit, type: "multipart/form-data" }) },
  );
}

function generators(world: World, actions: ActionEntry[]) {
  const { handlers, pages } = routesFromManifest();
  const who = fc.constantFrom<Record<string, string>>(world.auth.owner, world.auth.editor, world.auth["signed out"], world.auth["token:admin"]);
  const origin = fc.oneof({ weight: 9, arbitrary: fc.constant(BASE) }, { weight: 1, arbitrary: fc.constantFrom("https://attacker.test", "null") });
  const ids = fc.oneof(
    { weight: 3, arbitrary: fc.constant(world.ids) },
    { weight: 1, arbitrary: garbage.map((g) => Object.fromEntries(Object.keys(world.ids).map((k) => [k, encodeURIComponent(g) || "x"]))) },
  );
  const actionReq = fc
    .record({
      action: fc.constantFrom(...actions),
      id: fc.oneof(
        { weight: 8, arbitrary: fc.constant<string | null>(null) },
        { weight: 1, arbitrary: fc.constant("") },
        { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength: 42 }) },
      ),
      method: fc.oneof({ weight: 9, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: fc.constantFrom("GET", "PUT", "DELETE") }),
      who,
      origin,
      ids,
    })
    .chain((r) => bodyArb(fixtureFor(r.action.name, world.ids) ?? {}).map((b) => ({ ...r, b })))
    .map(({ action, id, method, who, origin, ids: pathIds, b }): FuzzRequest => {
      const actionId = id === null ? action.id : id;
      // signOutAction as the fuzz's own signed-in callers would end their sessions: it is fuzzed signed out.
      const auth = action.name === "signOutAction" ? {} : who;
      return {
        method,
        path: fillPath(action.page, pathIds as Record<string, string>),
        headers: { "next-action": actionId, origin, accept: "text/x-component", ...(b.type ? { "content-type": b.type } : {}), ...auth },
        body: method === "GET" ? undefined : b.body,
        label: `${action.name} ${method} ${b.kind}`,
      };
    });
  const routeReq = fc
    .record({
      route: fc.constantFrom(...handlers),
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      query: fc.dictionary(fc.constantFrom("projectId", "config", "id", "page", "pageToken", "q", "limit"), garbage, { maxKeys: 3 }),
      body: fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        garbage,
      ),
      who,
      origin,
      ids,
    })
    .map(
      ({ route, method, query, body, who, origin, ids: pathIds }): FuzzRequest => ({
        method,
        path: `${fillPath(route.path, pathIds as Record<string, string>)}?${new URLSearchParams(query)}`,
        headers: { origin, "content-type": "application/json", ...who },
        body: method === "GET" ? undefined : body,
        label: `${route.path} ${method}`,
      }),
    );
  const pageReq = fc
    .record({
      page: fc.constantFrom(...pages),
      post: fc.boolean(),
      query: fc.dictionary(fc.constantFrom("page", "q", "status", "action", "cursor"), garbage, { maxKeys: 2 }),
      who,
      origin,
      ids,
    })
    .chain((r) => bodyArb({ $ACTION_ID_0: "" }).map((b) => ({ ...r, b })))
    .map(
      ({ page, post, query, who, origin, ids: pathIds, b }): FuzzRequest => ({
        method: post ? "POST" : "GET",
        path: `${fillPath(page, pathIds as Record<string, string>)}?${new URLSearchParams(query)}`,
        headers: { origin, ...(post && b.type ? { "content-type": b.type } : {}), ...who },
        body: post ? b.body : undefined,
        label: `page ${page} ${post ? `POST ${b.kind}` : "GET"}`,
      }),
    );
  return fc.oneof({ weight: 5, arbitrary: actionReq }, { weight: 3, arbitrary: routeReq }, { weight: 2, arbitrary: pageReq });
}

let world: World;
test.beforeAll(async () => {
  world = await seedWorld();
});
test.afterAll(async () => {
  await clearLoginAttempts();
  await resetAws();
});
test.setTimeout(TIME_LIMIT_MS + 60_000);

test(`${REQUESTS} generated requests to every action, route and page: no 500`, async () => {
  const actions = actionsFromManifest();
  expect(actions.filter((a) => !ACTION_FIXTURES[a.name]).map((a) => a.name)).toEqual([]);
  const requests = fc.sample(generators(world, actions), { numRuns: REQUESTS, seed: SEED });
  const deadline = Date.now() + TIME_LIMIT_MS;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < requests.length && Date.now() < deadline) {
        const r = requests[next++]!;
        const response = await fetch(`${BASE}${r.path}`, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" }).catch((err: Error) => ({
          status: -1,
          text: async () => err.message,
        }));
        sent++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        if (response.status === 500 || response.status === -1) failures.push(`${response.status} ${r.label} ${r.path}: ${text.slice(0, 160)}`);
      }
    }),
  );
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`Fuzz: ${sent} requests (seed ${SEED}), ${failures.length} answered 500; statuses ${summary.join(" ")}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(REQUESTS);
});
