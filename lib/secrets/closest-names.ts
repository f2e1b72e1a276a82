// "Did you mean": for a secret, path or engine name the provider does not have, the names within a typo's reach
// (edit distance, ignoring case: a case slip is a typo too) first, then names that contain the wanted one or are
// contained in it (a missing prefix or suffix). Names only, never values.

/** At most `limit` candidates, closest first; the wanted name itself is never suggested. */
export function closestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = wanted.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(target.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === wanted) continue;
    const lower = name.toLowerCase();
    const distance = editDistance(target, lower);
    const related = lower.includes(target) || target.includes(lower);
    if (distance <= maxDistance) scored.push({ name, score: distance });
    else if (related) scored.push({ name, score: maxDistance + 1 });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
