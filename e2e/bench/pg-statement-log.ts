// Counts the statements one HTTP request makes on PostgreSQL, from the server's own log: log_statement=all
// (with the database name in each line) is switched on only around the counted requests.
import { readFileSync, statSync } from "node:fs";
import pg from "pg";
import { sleep } from "./stats";

export class PgStatementLog {
  constructor(
    private readonly adminUrl: string,
    private readonly logPath: string,
    private readonly database: string,
  ) {}

  private async admin(sql: string[]): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      for (const s of sql) await client.query(s);
    } finally {
      await client.end();
    }
    await sleep(300); // backends apply the reload before their next command
  }

  enable(): Promise<void> {
    return this.admin(["ALTER SYSTEM SET log_statement = 'all'", "ALTER SYSTEM SET log_line_prefix = '%m [%p] db=%d '", "SELECT pg_reload_conf()"]);
  }

  disable(): Promise<void> {
    return this.admin(["ALTER SYSTEM RESET log_statement", "ALTER SYSTEM RESET log_line_prefix", "SELECT pg_reload_conf()"]);
  }

  /** Statements the database received while `fn` ran (including BEGIN/COMMIT), and their text. */
  async count(fn: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
    const offset = statSync(this.logPath).size;
    await fn();
    await sleep(300);
    const text = readFileSync(this.logPath).subarray(offset).toString("utf8");
    const line = new RegExp(` db=${this.database} LOG:  (?:statement|execute [^:]*): (.*)$`);
    const statements = text.split("\n").flatMap((l) => {
      const m = line.exec(l);
      return m ? [m[1]!] : [];
    });
    return { count: statements.length, statements };
  }
}
