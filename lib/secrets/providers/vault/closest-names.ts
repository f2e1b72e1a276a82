// Ranks candidate names by edit distance to a name that was not found, for "did you mean" suggestions.

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Candidates within a typo's reach of `target` (or sharing its stem), closest first, at most `limit`. */
export function closestNames(target: string, candidates: Iterable<string>, limit = 5): string[] {
  const t = target.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const name of new Set(candidates)) {
    if (name === target) continue;
    const n = name.toLowerCase();
    const distance = editDistance(t, n);
    const related = n.includes(t) || t.includes(n);
    if (distance <= Math.max(2, Math.floor(t.length / 3)) || related) scored.push([name, related ? Math.min(distance, 1) : distance]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name]) => name);
}
