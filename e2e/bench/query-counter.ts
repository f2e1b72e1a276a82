// Counts the SQL statements Prisma sends through its driver adapter (SQLite via libSQL, PostgreSQL via pg), so
// "queries per request" is measured below Prisma, not inferred from the code. Must run before lib/db connects:
// it wraps the adapter factories' connect() and patches the queryable prototype the first adapter comes from.
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

interface SqlQuery {
  sql: string;
}
type RawMethod = (this: unknown, query: SqlQuery) => Promise<unknown>;
type Patchable = Record<string | symbol, unknown>;

interface RecordedStatement {
  sql: string;
  /** Until the driver answered, waiting for a connection (or SQLite's adapter lock) included. */
  ms: number;
}

const sqlCounter = { count: 0, record: false, statements: [] as RecordedStatement[] };

const PATCHED = Symbol.for("keyhold.bench.sqlCounter");

function patchQueryable(adapter: object): void {
  let proto = Object.getPrototypeOf(adapter) as Patchable | null;
  while (proto && !Object.hasOwn(proto, "queryRaw")) proto = Object.getPrototypeOf(proto) as Patchable | null;
  if (!proto || proto[PATCHED]) return;
  for (const name of ["queryRaw", "executeRaw"]) {
    const original = proto[name] as RawMethod;
    proto[name] = async function (this: unknown, query: SqlQuery) {
      sqlCounter.count++;
      if (!sqlCounter.record) return original.call(this, query);
      const started = performance.now();
      try {
        return await original.call(this, query);
      } finally {
        sqlCounter.statements.push({ sql: query.sql, ms: performance.now() - started });
      }
    } satisfies RawMethod;
  }
  proto[PATCHED] = true;
}

function patchFactory(factory: { prototype: object }): void {
  const proto = factory.prototype as { connect: (this: unknown) => Promise<object> };
  const connect = proto.connect;
  proto.connect = async function (this: unknown) {
    const adapter = await connect.call(this);
    patchQueryable(adapter);
    return adapter;
  };
}

let installed = false;

export function installQueryCounter(): void {
  if (installed) return;
  installed = true;
  patchFactory(PrismaLibSQL);
  patchFactory(PrismaPg);
}

/** Runs `fn` and returns its result with the statements it issued (nothing else may query meanwhile). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: RecordedStatement[] }> {
  const start = sqlCounter.count;
  sqlCounter.statements = [];
  sqlCounter.record = true;
  try {
    const result = await fn();
    return { result, count: sqlCounter.count - start, statements: sqlCounter.statements };
  } finally {
    sqlCounter.record = false;
  }
}
