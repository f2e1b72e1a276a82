// CSV for exports (RFC 4180: every cell quoted, quotes doubled, CRLF rows). Safe to open in a spreadsheet: a
// cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before reading a
// formula) gets a leading apostrophe, so it is text, never a formula (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvRows(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
