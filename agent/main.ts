// The on-prem agent (docs/agent.md): `npm run agent -- --config path/to/config.yml`. Dials out to the console
// (no listening port), says hello with its profile names, long-polls for jobs, acknowledges and runs each,
// posts the one result. Reconnects with jittered backoff; SIGHUP reloads the config; SIGTERM/SIGINT exit
// cleanly. Logs are structured and never carry a value.
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import pino from "pino";
import { ACK_GRACE_MS, type JobMessage } from "@/lib/agent/protocol";
import { backoffDelay } from "./backoff";
import { ConfigError, loadConfig, type AgentConfig } from "./config";
import { ConsoleClient, ConsoleError } from "./console-client";
import { agentKeyFromEnv } from "./env";
import { advertisedProfiles } from "./profiles";
import { runJob } from "./run-job";
import { secretReader, type SecretReader } from "./secrets";

export const AGENT_VERSION = "0.1.0";
const log = pino({ base: { app: "keyhold-agent" }, redact: ["key", "*.key", "value", "*.value", "password", "*.password"] });

interface State {
  config: AgentConfig;
  read: SecretReader | null;
}

function load(path: string): State {
  const config = loadConfig(path);
  return { config, read: config.secrets ? secretReader(config.secrets) : null };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

async function handle(client: ConsoleClient, sessionId: string, job: JobMessage, state: State): Promise<void> {
  const started = performance.now();
  // A quick job's result is its acknowledgement; a slow one is acknowledged once it has run ACK_GRACE_MS.
  let ack: Promise<void> | undefined;
  const ackTimer = setTimeout(() => {
    // Settled here, thrown below: a refused acknowledgement must not become an unhandled rejection meanwhile.
    ack = client.ack(sessionId, job.id);
    ack.catch(() => undefined);
  }, ACK_GRACE_MS);
  try {
    const result = await runJob(job, state);
    clearTimeout(ackTimer);
    await ack; // a result overtaking its own acknowledgement would make the acknowledgement a conflict
    await client.result(sessionId, job, result);
    const ok = "ok" in result ? result.ok : !("error" in result);
    log.info({ event: "job.done", job: job.id, kind: job.kind, ok, ms: Math.round(performance.now() - started) }, "job done");
  } catch (err) {
    log.warn({ event: "job.failed", job: job.id, kind: job.kind, error: err instanceof Error ? err.message : String(err) }, "job not completed");
  }
}

async function run(configPath: string): Promise<void> {
  let state = load(configPath);
  const key = agentKeyFromEnv() ?? state.config.console.key;
  if (!key) throw new ConfigError([`${configPath}: no agent key: set KEYHOLD_AGENT_KEY or console.key.`]);
  const client = new ConsoleClient(state.config.console.url, key);
  const stop = new AbortController();
  let sessionId: string | null = null;
  let attempt = 0;

  process.on("SIGHUP", () => {
    try {
      state = load(configPath);
      sessionId = null; // say hello again: the profiles may have changed
      log.info({ event: "config.reloaded", profiles: advertisedProfiles(state.config).map((p) => p.name) }, "configuration reloaded");
    } catch (err) {
      log.error({ event: "config.invalid", error: err instanceof Error ? err.message : String(err) }, "reload refused; keeping the previous configuration");
    }
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());

  while (!stop.signal.aborted) {
    try {
      if (!sessionId) {
        const answer = await client.hello({ host: hostname(), version: AGENT_VERSION, profiles: advertisedProfiles(state.config) });
        sessionId = answer.sessionId;
        log.info({ event: "connected", group: answer.group, session: sessionId }, "connected to the console");
      }
      const jobs = await client.poll(sessionId, stop.signal);
      attempt = 0;
      for (const job of jobs) void handle(client, sessionId, job, state);
    } catch (err) {
      if (stop.signal.aborted) break;
      if (err instanceof ConsoleError && err.status === 409) sessionId = null;
      const delay = err instanceof ConsoleError && err.status === 409 ? 0 : backoffDelay(attempt++);
      log.warn(
        {
          event: "disconnected",
          status: err instanceof ConsoleError ? err.status : null,
          error: err instanceof Error ? err.message : String(err),
          retryInMs: delay,
        },
        "console unreachable or refused",
      );
      if (err instanceof ConsoleError && err.status === 401) sessionId = null;
      await sleep(delay, stop.signal);
    }
  }
  if (sessionId) await client.bye(sessionId).catch(() => undefined);
  await client.close();
  log.info({ event: "stopped" }, "agent stopped");
}

const { values } = parseArgs({ options: { config: { type: "string" } } });
if (!values.config) {
  process.stderr.write("usage: npm run agent -- --config path/to/config.yml\n");
  process.exit(2);
}
run(values.config).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
