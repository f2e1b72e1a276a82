// The one table of which part of the code may import which. lib/architecture.test.ts enforces it over the real
// import graph, and lib/architecture/print-layers.ts renders it into README.md, so the map a reader follows and
// the rule the tests check cannot drift apart (docs/architecture.md).

export interface Layer {
  /** How rules and the README name the layer. */
  id: string;
  /** Folder prefixes (ending in "/") or single files. A file belongs to the layer with the longest match. */
  paths: string[];
  /** What lives there, for the README. */
  holds: string;
  /** Layers this one may import (itself always). */
  mayImport: string[];
  /** Packages this layer must never import, with the reason. */
  forbids?: { packages: string[]; why: string };
}

// Modules of the engine, the testers and auth that have no I/O, no SDK and no server-only import, so the
// browser, the forms and the data layer can use them without pulling in the rest.
const ENGINE_CONTRACTS = [
  ...["references", "types", "errors", "secret-key", "select-value", "aws-policies", "closest-names", "reference-policy", "metadata", "health", "rotation"].map(
    (f) => `lib/secrets/${f}.ts`,
  ),
  "lib/secrets/contracts/",
];
const CONNECTION_CONTRACTS = [
  "lib/connections/types.ts",
  "lib/connections/pem.ts",
  "lib/connections/testers/types.ts",
  "lib/connections/request-target.ts",
  "lib/connections/destination.ts",
  "lib/connections/egress/",
];
const AUTH_CONTRACTS = ["lib/auth/actor.ts", "lib/auth/roles.ts", "lib/auth/password-policy.ts", "lib/auth/recent-auth.ts", "lib/auth/token-scopes.ts"];

const PLAIN_NODE = {
  packages: ["server-only", "next"],
  why: "runs in plain Node too (an on-prem agent process reuses it), so nothing Next-only",
};

const SHARED = ["lib/errors.ts", "lib/log.ts", "lib/env.ts"];

export const LAYERS: Layer[] = [
  {
    id: "app",
    paths: ["app/"],
    holds: "pages (Server Components), layouts, route-private `_components`",
    mayImport: [
      "components",
      "lib/actions",
      "lib/services",
      "lib/data",
      "lib/auth",
      "lib/auth contracts",
      "lib/validations",
      "lib/views",
      "lib/queries",
      "lib/api-contract",
      "engine contracts",
      "connection contracts",
      "lib/action-result.ts",
      "lib/agent",
      ...SHARED,
    ],
  },
  {
    id: "app/api",
    paths: ["app/api/"],
    holds: "route handlers: the public API (refresh, test, secrets browser, clear cache), health and readiness",
    mayImport: [
      "lib/metrics",
      "lib/api",
      "lib/api-contract",
      "lib/services",
      "lib/data",
      "lib/auth",
      "lib/auth contracts",
      "lib/validations",
      "lib/views",
      "engine contracts",
      "lib/agent",
      ...SHARED,
    ],
  },
  {
    id: "components",
    paths: ["components/"],
    holds: "UI primitives on Radix, shared client components (confirm dialog, secret browser, provider setup, AWS guide, scope switch)",
    mayImport: [
      "lib/actions",
      "lib/queries",
      "lib/validations",
      "lib/views",
      "engine contracts",
      "connection contracts",
      "lib/auth contracts",
      "lib/action-result.ts",
    ],
  },
  {
    id: "lib/actions",
    paths: ["lib/actions/"],
    holds: "`'use server'` actions: authorize → zod-parse → service or data function → revalidate",
    mayImport: [
      "lib/http",
      "lib/services",
      "lib/data",
      "lib/auth",
      "lib/auth contracts",
      "lib/validations",
      "lib/views",
      "engine contracts",
      "connection contracts",
      "lib/action-result.ts",
      ...SHARED,
    ],
  },
  {
    id: "lib/api",
    paths: ["lib/api/"],
    holds: "what route handlers share: bearer-token and agent-key authentication, problem+json, the connection route",
    mayImport: [
      "lib/api-contract",
      "lib/http",
      "lib/metrics",
      "lib/services",
      "lib/data",
      "lib/auth",
      "lib/auth contracts",
      "lib/validations",
      "lib/views",
      "engine contracts",
      "lib/agent",
      ...SHARED,
    ],
  },
  {
    id: "lib/api-contract",
    paths: ["lib/api-contract/"],
    holds: "the public API's contract: each operation's zod schemas and token scope, and the OpenAPI 3.1 document built from them (docs/api.md)",
    mayImport: ["lib/validations", "lib/views", "lib/auth contracts", "engine contracts", "connection contracts"],
    forbids: { packages: ["server-only", "next"], why: "the routes, the API page and the contract test share it" },
  },
  {
    id: "lib/services",
    paths: ["lib/services/"],
    holds:
      "what combines the database with the engine or the testers: the secrets runtime, resolve credentials, provider test, re-point, browse, cache control (apply + announce), connection test and refresh, the master key guard, workflow definitions, runs and their queue",
    mayImport: [
      "lib/metrics",
      "lib/data",
      "lib/secrets",
      "lib/workflows",
      "lib/agent",
      "engine contracts",
      "lib/connections",
      "connection contracts",
      "lib/crypto",
      "lib/auth contracts",
      "lib/views",
      ...SHARED,
    ],
  },
  {
    id: "lib/data",
    paths: ["lib/data/"],
    holds:
      "the only code that touches the database (`server-only`); authorization in each `where`; the LISTEN/NOTIFY cache bus (`cache-bus.ts`), run wake-ups (`run-wakeups.ts`) and agent bus (`agent-bus.ts`)",
    mayImport: [
      "lib/agent",
      "lib/db.ts",
      "lib/generated",
      "lib/crypto",
      "lib/auth",
      "lib/auth contracts",
      "lib/validations",
      "lib/views",
      "engine contracts",
      "connection contracts",
      ...SHARED,
    ],
  },
  {
    id: "lib/secrets",
    paths: ["lib/secrets/"],
    holds: "the engine: the four SDK providers, the cache and its coalescer, retries, the provider factory",
    mayImport: ["engine contracts", ...SHARED],
    forbids: PLAIN_NODE,
  },
  {
    id: "engine contracts",
    paths: ENGINE_CONTRACTS,
    holds:
      "the engine's pure modules: reference grammar, compatibility contracts (External ID, ARNs), types, typed errors, secret keys, value selection, AWS policies, the reference-policy matcher",
    mayImport: [],
    forbids: PLAIN_NODE,
  },
  {
    id: "lib/workflows",
    paths: ["lib/workflows/"],
    holds:
      "the Serverless Workflow DSL 1.0 engine: validate (schema, placement of secrets, refused features) and run (tasks, jq in a worker pool, scrubbing); secrets, fetch and destinations are injected (docs/workflows.md)",
    mayImport: [],
    forbids: PLAIN_NODE,
  },
  {
    id: "lib/connections",
    paths: ["lib/connections/"],
    holds: "the connection testers (PostgreSQL, HTTP, mTLS certificate) and the egress policy",
    mayImport: ["connection contracts", ...SHARED],
    forbids: PLAIN_NODE,
  },
  {
    id: "connection contracts",
    paths: CONNECTION_CONTRACTS,
    holds:
      "connection and credential-field types, PEM parsing, the tester interface, the egress policy's pure parts (address classes, allow-list, modes) and request-target rules",
    mayImport: [],
    forbids: PLAIN_NODE,
  },
  {
    id: "lib/agent",
    paths: ["lib/agent/"],
    holds: "the on-prem agent protocol shared by the console and the agent process: zod messages, job kinds, agent-key format (docs/agent.md)",
    mayImport: ["connection contracts"],
    forbids: PLAIN_NODE,
  },
  {
    id: "agent",
    paths: ["agent/"],
    holds: "the on-prem agent process (`npm run agent`): YAML config, its own secrets manager clients, the connection testers, the long-poll client",
    mayImport: ["lib/agent", "lib/connections", "connection contracts", "engine contracts"],
    forbids: {
      packages: ["server-only", "next", "@prisma/client", "prisma", "@prisma/adapter-pg", "@prisma/adapter-libsql"],
      why: "runs on the customer's machine in plain Node: no Next, no Prisma, no console database",
    },
  },
  {
    id: "lib/auth",
    paths: ["lib/auth/"],
    holds: "sessions, the current user, `require*` authorization, page guards, API-token actors, password hashing",
    mayImport: ["lib/metrics", "lib/data", "lib/auth contracts", ...SHARED],
  },
  {
    id: "lib/auth contracts",
    paths: AUTH_CONTRACTS,
    holds: "branded actors, roles as pure functions, the password policy, the API token scope table",
    mayImport: [],
  },
  {
    id: "lib/views",
    paths: ["lib/views/"],
    holds: "types the pages and client components show (scope preview, provider view, test reports, browse page)",
    mayImport: ["engine contracts", "connection contracts", "lib/auth contracts"],
    forbids: { packages: ["server-only"], why: "client components import these types" },
  },
  {
    id: "lib/queries",
    paths: ["lib/queries/"],
    holds: "TanStack Query option factories for interactive reads",
    mayImport: ["lib/views", "engine contracts"],
    forbids: { packages: ["server-only"], why: "runs in the browser" },
  },
  {
    id: "lib/validations",
    paths: ["lib/validations/"],
    holds: "zod schemas shared by forms and server",
    mayImport: ["lib/views", "engine contracts", "connection contracts", "lib/auth contracts"],
    forbids: { packages: ["server-only"], why: "forms in the browser use them" },
  },
  {
    id: "lib/crypto",
    paths: ["lib/crypto/"],
    holds: "envelope encryption (AES-256-GCM) of literal credentials, the master key",
    mayImport: ["lib/env.ts", "lib/log.ts", "lib/errors.ts"],
  },
  {
    id: "lib/metrics",
    paths: ["lib/metrics/"],
    holds: "the Prometheus registry, the metric definitions with closed label lists, the recorders and the per-minute buffer",
    mayImport: [],
    forbids: PLAIN_NODE,
  },
  {
    id: "lib/migrations",
    paths: ["lib/migrations/"],
    holds: "our migration runner (SQLite and PostgreSQL)",
    mayImport: ["lib/generated", ...SHARED],
  },
  {
    id: "lib/cli",
    paths: ["lib/cli/"],
    holds: "`npm start`, the server entry (`server.ts`: client addresses behind proxies), `db:migrate`, `key:rotate`, schema generation",
    mayImport: ["lib/metrics", "lib/services", "lib/data", "lib/db.ts", "lib/crypto", "lib/migrations", "lib/net", "prisma", ...SHARED],
  },
  {
    id: "lib/testing",
    paths: ["lib/testing/"],
    holds: "test support: per-file databases, the throwaway PostgreSQL cluster, seeded actors, workflow targets, the OpenAPI response validator",
    mayImport: ["lib/db.ts", "lib/migrations", "lib/auth contracts", "lib/data", "lib/workflows", "lib/api-contract", ...SHARED],
  },
  {
    id: "lib/architecture",
    paths: ["lib/architecture/"],
    holds: "this table, the import scanner, the README renderer",
    mayImport: [],
  },
  {
    id: "lib/generated",
    paths: ["lib/generated/"],
    holds: "the Prisma clients generated from the schema",
    mayImport: [],
  },
  {
    id: "lib/db.ts",
    paths: ["lib/db.ts"],
    holds: "the Prisma client per database (one cached instance)",
    mayImport: ["lib/generated", "lib/env.ts", "lib/log.ts"],
  },
  { id: "lib/env.ts", paths: ["lib/env.ts"], holds: "validated configuration: the only reader of `process.env`", mayImport: ["lib/net"] },
  {
    id: "lib/net",
    paths: ["lib/net/"],
    holds: "the client address behind trusted proxies (`TRUSTED_PROXIES`), for the server entry",
    mayImport: [],
    forbids: PLAIN_NODE,
  },
  {
    id: "lib/http",
    paths: ["lib/http/"],
    holds: "security response headers (the CSP with per-request nonces, Permissions-Policy) and the request gate for forged or malformed posts",
    mayImport: [],
  },
  { id: "lib/log.ts", paths: ["lib/log.ts"], holds: "structured logs with path redaction", mayImport: ["lib/env.ts"] },
  { id: "lib/errors.ts", paths: ["lib/errors.ts"], holds: "`AppError` codes", mayImport: [] },
  {
    id: "lib/action-result.ts",
    paths: ["lib/action-result.ts"],
    holds: "the typed result every action returns",
    mayImport: ["lib/errors.ts", "lib/validations"],
  },
  {
    id: "prisma",
    paths: ["prisma/"],
    holds: "`schema.prisma` (SQLite, hand-edited), `postgres/` (generated from it), migrations, demo seed",
    mayImport: ["lib/data", "lib/db.ts", "lib/auth", "lib/auth contracts", "lib/crypto", ...SHARED],
  },
  {
    id: "e2e",
    paths: ["e2e/"],
    holds: "Playwright specs, fixtures, the provider emulators (`e2e/emulators/*`, each with a `FIDELITY.md`), benchmarks",
    mayImport: ["*"],
  },
  {
    id: "root",
    paths: [
      "instrumentation.ts",
      "proxy.ts",
      "next.config.ts",
      "playwright.config.ts",
      "playwright.empty.config.ts",
      "prisma.config.ts",
      "prisma.postgres.config.ts",
    ],
    holds:
      "Next's start-up hook (start checks, master key guard, cache listener, setup token), the request proxy (request gate, CSP nonces) and tool configurations",
    mayImport: ["lib/metrics", "lib/services", "lib/data", "lib/auth", "lib/http", "e2e", ...SHARED],
  },
];

/**
 * Packages only some places may import. Raw `pg` is for our own database plumbing and for the PostgreSQL
 * connection tester (which connects to a customer's database, not ours); Prisma stays behind lib/db.ts.
 */
export const RESTRICTED_PACKAGES: Array<{ packages: string[]; allowedIn: string[]; why: string }> = [
  {
    packages: ["pg"],
    allowedIn: [
      "lib/db.ts",
      "lib/data/cache-bus.ts",
      "lib/data/run-wakeups.ts",
      "lib/data/agent-bus.ts",
      "lib/migrations/",
      "lib/connections/testers/postgres.ts",
      "lib/testing/",
      "e2e/",
    ],
    why: "the Prisma client's adapter, the LISTEN/NOTIFY cache bus, run wake-ups and agent bus, the migration runner, the PostgreSQL tester",
  },
  {
    packages: ["@prisma/client", "@prisma/adapter-pg", "@prisma/adapter-libsql", "prisma"],
    allowedIn: ["lib/db.ts", "lib/data/", "lib/migrations/", "prisma/", "e2e/", "prisma.config.ts", "prisma.postgres.config.ts"],
    why: "the database is reached through lib/db.ts and the data layer",
  },
];

/** Test files may import anything (they seed through lib/db.ts and reach the emulators); they are not shipped. */
export const isTestFile = (file: string) => /\.test\.tsx?$/.test(file) || /\.spec\.ts$/.test(file);

export function layerOf(file: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of LAYERS) {
    for (const p of layer.paths) {
      const hit = p.endsWith("/") ? file.startsWith(p) : file === p;
      if (hit && (!best || p.length > best.length)) best = { layer, length: p.length };
    }
  }
  return best?.layer;
}

export function pathMatches(file: string, paths: readonly string[]): boolean {
  return paths.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));
}
