import { describe, expect, it } from "vitest";
import { renderProgress, terminalProgress } from "./progress";

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, isTTY, write: (t: string) => out.push(t) };
}

describe("terminal progress", () => {
  it("renders a bar with counts and a percentage", () => {
    expect(renderProgress("re-wrap", 0, 4)).toBe("re-wrap [--------------------] 0/4 0%");
    expect(renderProgress("re-wrap", 1, 4)).toBe("re-wrap [#####---------------] 1/4 25%");
    expect(renderProgress("re-wrap", 4, 4)).toBe("re-wrap [####################] 4/4 100%");
    expect(renderProgress("empty", 0, 0)).toBe("empty [####################] 0/0 100%");
  });

  it("redraws one line on a terminal and ends it on finish", () => {
    const s = sink(true);
    const p = terminalProgress("audit", s);
    p.update(1, 3);
    p.update(3, 3);
    p.finish();
    expect(s.out).toEqual(["\raudit [#######-------------] 1/3 33%", "\raudit [####################] 3/3 100%", "\n"]);
  });

  it("writes one line per tenth when piped, so a log of a million events stays short", () => {
    const s = sink(false);
    const p = terminalProgress("audit", s);
    for (let i = 1; i <= 1000; i++) p.update(i, 1000);
    p.finish();
    // 0 %, 10 %, … 100 %: eleven lines for a thousand updates.
    expect(s.out).toHaveLength(11);
    expect(s.out[0]).toBe("audit [--------------------] 1/1000 0%\n");
    expect(s.out.at(-1)).toBe("audit [####################] 1000/1000 100%\n");
  });
});
