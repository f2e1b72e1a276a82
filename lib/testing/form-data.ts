// What a browser posts to a server action: each field as text in a FormData, for action tests.
export function form(fields: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, String(v));
  return f;
}
