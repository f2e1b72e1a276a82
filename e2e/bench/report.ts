// The benchmark's output: one table (terminal and Markdown) plus the machine it ran on.
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";

type Verdict = "PASS" | "FAIL" | "info" | "skipped" | "ERROR";

export interface Row {
  id: string;
  figure: string;
  measured: string;
  baseline: string;
  target: string;
  verdict: Verdict;
}

interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews the timings. */
  load: number;
}

export function machineInfo(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: (list[0]?.model ?? "unknown").replace(/\s+/g, " ").trim(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()}`,
    load: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export const describeMachine = (m: Machine) =>
  `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}, load average ${m.load} at start`;

const HEADERS = ["#", "Figure", "Measured", "Baseline", "Target", "Result"] as const;
const cells = (r: Row) => [r.id, r.figure, r.measured, r.baseline, r.target, r.verdict];

export function renderTable(rows: readonly Row[]): string {
  const all = [HEADERS as readonly string[], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(HEADERS), rule, ...rows.map((r) => line(cells(r)))].join("\n");
}

const md = (v: string) => v.replace(/\|/g, "\\|");

export function renderMarkdown(input: { rows: readonly Row[]; machine: Machine; notes: readonly string[]; startedAt: Date; durationS: number }): string {
  const { rows, machine, notes, startedAt, durationS } = input;
  return [
    "## Benchmark",
    "",
    `\`npm run bench\`, ${startedAt.toISOString().slice(0, 10)}, on ${describeMachine(machine)}; the whole run took ${durationS.toFixed(0)} s.`,
    "Everything runs against the local emulators and a throwaway PostgreSQL 15 cluster; targets come from the issue.",
    "",
    `| ${HEADERS.join(" | ")} |`,
    `|${HEADERS.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cells(r).map(md).join(" | ")} |`),
    "",
    "Notes:",
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}
