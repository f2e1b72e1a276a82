// Short labels for SQL statements in the notes: "COUNT Connection", "SELECT CredentialField", "BEGIN".
export function sqlLabel(sql: string): string {
  const verb = (/^\s*(\w+)/.exec(sql)?.[1] ?? "?").toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:[`"]?\w+[`"]?\.)?[`"](\w+)[`"]/i.exec(sql)?.[1];
  const shown = verb === "SELECT" && /^\s*SELECT\s+COUNT\(/i.test(sql) ? "COUNT" : verb;
  return table ? `${shown} ${table}` : shown;
}

/** "SELECT Session, SELECT Project ×2, …" in first-seen order. */
export function summarizeStatements(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of statements) {
    const label = sqlLabel(s);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(", ");
}
