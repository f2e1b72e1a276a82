// Audit events for people (docs/operations.md "Audit log"): one sentence saying who did what to what, and the
// detail as labelled fields, "from → to" where the event records both. The raw JSON stays one click away on
// the page; this only reads the stored detail (names, ids, counts, codes: never a secret value).

export interface AuditEventLike {
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: number | null;
  outcome: string;
  detail: unknown;
}

export interface AuditField {
  label: string;
  value?: string;
  from?: string;
  to?: string;
}

export interface DescribedEvent {
  sentence: string;
  fields: AuditField[];
}

type Detail = Record<string, unknown>;

/** What the action did, as a verb phrase with the detail's name when it has one. */
const PHRASES: Record<string, (d: Detail) => string> = {
  "connection.created": (d) => `created the ${text(d.type)} connection ${quoted(d.name)}`,
  "connection.updated": (d) => `edited the connection ${quoted(d.name)}`,
  "connection.deleted": (d) => `deleted the connection ${quoted(d.name)}`,
  "connection.tested": (d) =>
    d.ok === true ? "tested a connection, which works" : d.ok === false ? "tested a connection, which failed" : "tested a connection",
  "connection.refreshed": (d) => `refreshed a connection (${count(d.entriesDropped, "cached value")} dropped)`,
  "connection.repointed": (d) => `re-pointed the field ${quoted(d.field)} to the active provider`,
  "connection.destination_changed": () => "moved a connection to another destination",
  "secrets.scope.switched": (d) => `switched the secrets scope from ${text(d.from)} to ${text(d.to)}`,
  "secrets.cache.cleared": (d) => `cleared the secrets cache (${count(d.entriesDropped, "entry", "entries")} dropped)`,
  "secrets.provider.updated": (d) => `saved the ${text(d.kind)} secrets provider${d.authReplaced ? " with new credentials" : ""}`,
  "secrets.provider.tested": () => "tested a secrets provider",
  "workspace.created": (d) => `created the workspace ${quoted(d.name)}`,
  "workspace.egress.updated": (d) => `set the egress policy to ${text(d.mode)}`,
  "workspace.cache_settings.updated": () => "changed the cache settings",
  "project.created": (d) => `created the project ${quoted(d.name)}`,
  "user.added": (d) => `added ${text(d.email)} as ${text(d.workspaceRole)}`,
  "user.roles_changed": (d) => `changed a user's roles (workspace role ${text(d.workspaceRole)})`,
  "user.password_changed": () => "changed their password",
  "setup.completed": (d) => `completed the setup as ${text(d.email)}`,
  "api_token.created": (d) => `created the API token ${quoted(d.name)} (${text(d.scope)} scope)`,
  "api_token.revoked": () => "revoked an API token",
  "workflow.hosts.changed": () => "changed a workflow's allowed hosts",
  "workflow.secret.mapped": (d) => `mapped the workflow secret ${quoted(d.name)}`,
  "workflow.secret.deleted": (d) => `deleted the workflow secret ${quoted(d.name)}`,
  "workflow.run.started": () => "started a workflow run",
  "workflow.run.finished": (d) => `finished a workflow run (${text(d.status)})`,
  "workflow.run.cancelled": () => "cancelled a workflow run",
};

/** Detail keys that pair as before/after. */
const PAIRS: Array<[string, string]> = [
  ["before", "after"],
  ["from", "to"],
  ["fromConfig", "toConfig"],
  ["old", "new"],
];

export function describeAuditEvent(event: AuditEventLike): DescribedEvent {
  const detail: Detail = isRecord(event.detail) ? event.detail : {};
  const phrase = PHRASES[event.action]?.(detail) ?? `did ${event.action.replaceAll(".", " ").replaceAll("_", " ")}`;
  const target = event.targetType && event.targetId !== null ? ` (${event.targetType.replaceAll("_", " ")} #${event.targetId})` : "";
  const failed = event.outcome === "failure" ? " — it failed" : "";
  const sentence = `${event.actorLabel} ${phrase}${target}${failed}.`.replace(/\s+/g, " ").replace(/ ([.)])/g, "$1");
  return { sentence, fields: fieldsOf(detail) };
}

function fieldsOf(detail: Detail): AuditField[] {
  const used = new Set<string>();
  const fields: AuditField[] = [];
  for (const [a, b] of PAIRS) {
    if (a in detail || b in detail) {
      fields.push({
        label: a === "before" || a === "old" || a === "from" ? "Changed" : humanize(a.replace(/^from/, "")),
        from: show(detail[a]),
        to: show(detail[b]),
      });
      used.add(a);
      used.add(b);
    }
  }
  for (const [key, value] of Object.entries(detail)) if (!used.has(key)) fields.push({ label: humanize(key), value: show(value) });
  return fields;
}

/** A detail value as one line: lists joined, objects as "key: value" pairs, nothing longer than 300 characters. */
export function show(value: unknown): string {
  let out: string;
  if (value === null || value === undefined) out = "—";
  else if (Array.isArray(value)) out = value.length === 0 ? "(none)" : value.map(show).join(", ");
  else if (isRecord(value))
    out = Object.entries(value)
      .map(([k, v]) => `${humanize(k).toLowerCase()}: ${show(v)}`)
      .join("; ");
  else if (typeof value === "boolean") out = value ? "yes" : "no";
  else out = String(value);
  return out.length > 300 ? `${out.slice(0, 299)}…` : out;
}

function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(v: unknown): string {
  return v === undefined || v === null || v === "" ? "?" : show(v);
}

function quoted(v: unknown): string {
  return typeof v === "string" && v ? `“${v}”` : "";
}

function count(v: unknown, one: string, many = `${one}s`): string {
  const n = typeof v === "number" ? v : 0;
  return `${n} ${n === 1 ? one : many}`;
}

function isRecord(v: unknown): v is Detail {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
