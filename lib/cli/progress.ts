// Terminal progress for long CLI work (docs/scopes.md "Progress for long work"): on a terminal one line redrawn in
// place ("label [#####-----] 120/400 30%"); piped into a log, a line at each tenth so the log stays short.
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the line (on a terminal) so what follows starts clean. */
  finish(): void;
}

const WIDTH = 20;

export function renderProgress(label: string, done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`;
}

export function terminalProgress(label: string, sink: ProgressSink = process.stdout): Progress {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (sink.isTTY) {
        sink.write(`\r${renderProgress(label, done, total)}`);
        drawn = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      sink.write(`${renderProgress(label, done, total)}\n`);
    },
    finish() {
      if (drawn) sink.write("\n");
      drawn = false;
    },
  };
}
