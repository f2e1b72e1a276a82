// What a list worker (figure 5) reports back to the main benchmark process.
export const BIG = 10_000;

export interface WorkerResult {
  kind: string;
  dataFn: {
    total: number;
    rows: number;
    bigMs: number[];
    emptyMs: number[];
    lastPageMs: number;
    /** PostgreSQL only: medians right after the bulk insert, before the table had statistics. */
    beforeAnalyze?: { bigMs: number; emptyMs: number; planBefore: string; planAfter: string };
    bigQueries: number;
    emptyQueries: number;
    statements: string[];
    /** Median latency of each statement of one call, by label ("COUNT Connection"), 10,000 vs empty project. */
    statementMs: { big: Record<string, number>; empty: Record<string, number> };
  };
  http:
    | { skipped: string }
    | {
        buildId: string;
        bigMs: number[];
        emptyMs: number[];
        /** PostgreSQL only: statements per whole page request, from the server log. */
        perRequest?: { big: number; empty: number; statements: string[] };
        scripts: Record<string, string[]>;
      };
}
