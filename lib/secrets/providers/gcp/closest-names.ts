// "Did you mean" for a secret id the provider does not have: typos first (edit distance), then ids that
// contain the wanted one or are contained in it (a missing prefix or suffix).
export function closestNames(wanted: string, candidates: readonly string[], limit = 3): string[] {
  const target = wanted.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(target.length / 3));
  return candidates
    .filter((name) => name !== wanted)
    .map((name) => {
      const lower = name.toLowerCase();
      const distance = editDistance(target, lower);
      const related = lower.includes(target) || target.includes(lower);
      return { name, score: distance <= maxDistance ? distance : related ? maxDistance + 1 : Infinity };
    })
    .filter((c) => c.score !== Infinity)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
