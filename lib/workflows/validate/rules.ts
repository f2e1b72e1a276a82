// Keyhold's rules on top of the DSL schema (docs/workflows.md): only the tasks this runtime executes, secrets
// only where they leave the engine (HTTP headers, query, body, authentication policies), `$secrets` only
// with literal keys, `$SECRETS.<name>` well formed. Refused features are errors, never silently ignored.
import { AUTH_KINDS, isCatalogFunction, REFUSED_AUTH_KINDS, REFUSED_CALLS, REFUSED_TASKS } from "../catalog";
import { expressionBody, isExpression, mentionsSecrets, scanExpression, scanPlain } from "../secret-refs";
import type { Source } from "./source";
import { strings, walkTasks, type TaskAt } from "./walk";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const UNSUPPORTED = "is not supported by this runtime";

const PLACEMENT =
  "A secret may only be read in a `call: http` task's headers, query or body, or in an authentication policy. Here its value would flow into task data, where later expressions could copy it without naming $secrets.";

function checkWorkflowLevel(root: Obj, source: Source): void {
  if (root.schedule !== undefined) source.at("/schedule", "error", `\`schedule\` ${UNSUPPORTED}: runs are started by the console or its API.`);
  const use = isObj(root.use) ? root.use : {};
  for (const key of ["extensions", "catalogs", "functions"]) {
    if (use[key] !== undefined) source.at(`/use/${key}`, "error", `\`use.${key}\` ${UNSUPPORTED}.`);
  }
  const evaluate = isObj(root.evaluate) ? root.evaluate : {};
  if (evaluate.language !== undefined && evaluate.language !== "jq")
    source.at("/evaluate/language", "error", `Only jq expressions are supported by this runtime.`);
  if (evaluate.mode === "loose") source.at("/evaluate/mode", "error", `The \`loose\` evaluation mode ${UNSUPPORTED}: write expressions as \${ … }.`);
  for (const part of ["input", "output"]) {
    if (isObj(root[part]) && (root[part] as Obj).schema !== undefined) source.at(`/${part}/schema`, "error", `\`${part}.schema\` ${UNSUPPORTED}.`);
  }
  for (const [name, policy] of Object.entries(isObj(use.authentications) ? use.authentications : {})) {
    checkPolicy(policy, `/use/authentications/${name}`, source);
  }
}

function checkPolicy(policy: unknown, pointer: string, source: Source): void {
  if (!isObj(policy)) return;
  for (const kind of REFUSED_AUTH_KINDS) {
    if (policy[kind] !== undefined)
      source.at(`${pointer}/${kind}`, "error", `\`${kind}\` authentication ${UNSUPPORTED}; use basic, bearer or oauth2 client_credentials.`);
  }
  const oauth2 = policy.oauth2;
  if (isObj(oauth2) && oauth2.use === undefined && oauth2.grant !== "client_credentials") {
    source.at(`${pointer}/oauth2/grant`, "error", `OAuth2 grant '${String(oauth2.grant)}' ${UNSUPPORTED}; only client_credentials is.`);
  }
}

function checkTask(t: TaskAt, source: Source, useAuth: Obj): void {
  const { task, pointer } = t;
  for (const kind of REFUSED_TASKS) if (task[kind] !== undefined) source.at(pointer, "error", `\`${kind}\` tasks are ${UNSUPPORTED.slice(3)}.`);
  for (const part of ["input", "output", "export"]) {
    if (isObj(task[part]) && (task[part] as Obj).schema !== undefined) source.at(`${pointer}/${part}/schema`, "error", `\`${part}.schema\` ${UNSUPPORTED}.`);
  }
  if (typeof task.then === "string" && !["continue", "exit", "end"].includes(task.then) && !t.siblings.includes(task.then)) {
    source.at(`${pointer}/then`, "error", `\`then: ${task.then}\` names no task in the same list.`);
  }
  if (typeof task.call !== "string") return;
  if ((REFUSED_CALLS as readonly string[]).includes(task.call)) source.at(`${pointer}/call`, "error", `\`call: ${task.call}\` ${UNSUPPORTED}; use call: http.`);
  else if (task.call !== "http" && !isCatalogFunction(task.call))
    source.at(`${pointer}/call`, "error", `Unknown function '${task.call}': this runtime's catalog has logError and logInfo.`);
  if (task.call !== "http" || !isObj(task.with)) return;
  const endpoint = task.with.endpoint;
  const auth = isObj(endpoint) ? endpoint.authentication : undefined;
  if (isObj(auth) && typeof auth.use === "string") {
    if (!isObj(useAuth[auth.use]))
      source.at(`${pointer}/with/endpoint/authentication/use`, "error", `No authentication policy named '${auth.use}' under use.authentications.`);
  } else checkPolicy(auth, `${pointer}/with/endpoint/authentication`, source);
}

/** Pointers under which a secret reference is allowed. */
function secretZones(tasks: TaskAt[]): string[] {
  const zones = ["/use/authentications/"];
  for (const { task, pointer } of tasks) {
    if (task.call !== "http") continue;
    for (const part of ["headers", "query", "body", "endpoint/authentication"]) zones.push(`${pointer}/with/${part}`);
  }
  return zones;
}

const inZone = (pointer: string, zones: string[]) => zones.some((z) => pointer === z || pointer.startsWith(z.endsWith("/") ? z : `${z}/`));

/** Checks every string; returns the secret names the definition reads. */
function checkStrings(root: Obj, zones: string[], source: Source): Set<string> {
  const read = new Set<string>();
  for (const { pointer, text } of strings(root)) {
    if (isExpression(text)) {
      const scan = scanExpression(expressionBody(text));
      for (const v of new Set(scan.forbidden))
        source.at(pointer, "error", `\`${v}\` may not be used in expressions: it carries credentials or belongs to the engine.`);
      if (!mentionsSecrets(text)) continue;
      if (!inZone(pointer, zones)) {
        source.at(pointer, "error", PLACEMENT);
        continue;
      }
      if (scan.dynamic)
        source.at(
          pointer,
          "error",
          '`$secrets` may only be read with a literal key ($secrets.name or $secrets["name"]), so every secret a workflow can touch is known before it runs.',
        );
      if (/\$SECRETS/.test(text)) source.at(pointer, "error", "`$SECRETS.<name>` is not replaced inside a runtime expression; use $secrets.name there.");
      for (const n of scan.names) read.add(n);
    } else {
      const scan = scanPlain(text);
      if (scan.names.length === 0 && !scan.malformed) continue;
      if (!inZone(pointer, zones)) {
        source.at(pointer, "error", PLACEMENT);
        continue;
      }
      if (scan.malformed)
        source.at(pointer, "error", "`$SECRETS` must be followed by `.<name>` (letters, digits, '-' and '_'); write `$$SECRETS` for the literal text.");
      for (const n of scan.names) read.add(n);
    }
  }
  return read;
}

/** `basic: { use: <secret> }` and the like: the whole policy configuration from one JSON secret. */
function secretBasedPolicies(root: Obj, tasks: TaskAt[]): { pointer: string; name: string }[] {
  const found: { pointer: string; name: string }[] = [];
  const visit = (policy: unknown, pointer: string) => {
    if (!isObj(policy)) return;
    for (const kind of AUTH_KINDS) {
      const cfg = policy[kind];
      if (isObj(cfg) && typeof cfg.use === "string") found.push({ pointer: `${pointer}/${kind}/use`, name: cfg.use });
    }
  };
  const use = isObj(root.use) ? root.use : {};
  for (const [name, policy] of Object.entries(isObj(use.authentications) ? use.authentications : {})) visit(policy, `/use/authentications/${name}`);
  for (const { task, pointer } of tasks) {
    if (isObj(task.with) && isObj(task.with.endpoint)) visit(task.with.endpoint.authentication, `${pointer}/with/endpoint/authentication`);
  }
  return found;
}

export function checkRules(source: Source): string[] {
  const root = source.value as Obj;
  const use = isObj(root.use) ? root.use : {};
  const declared = new Set(Array.isArray(use.secrets) ? use.secrets.map(String) : []);
  const tasks = walkTasks(root);
  checkWorkflowLevel(root, source);
  for (const t of tasks) checkTask(t, source, isObj(use.authentications) ? use.authentications : {});
  const read = checkStrings(root, secretZones(tasks), source);
  for (const p of secretBasedPolicies(root, tasks)) {
    read.add(p.name);
    if (!declared.has(p.name))
      source.at(p.pointer, "warning", `Secret '${p.name}' is not declared in use.secrets: reading it raises the authorization error at run time.`);
  }
  for (const { pointer, text } of strings(root)) {
    const names = isExpression(text) ? scanExpression(expressionBody(text)).names : scanPlain(text).names;
    for (const n of names.filter((x) => !declared.has(x))) {
      source.at(pointer, "warning", `Secret '${n}' is not declared in use.secrets: reading it raises the authorization error at run time.`);
    }
  }
  return [...read].sort();
}
