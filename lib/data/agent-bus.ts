import "server-only";
// Wakes agent polls and job waiters (docs/agent.md). Every message is delivered in this process at once; on
// PostgreSQL it is also announced with NOTIFY so that a job created on instance A wakes the poll of an agent
// connected to instance B, and B's result wakes A's waiter. Messages carry ids only: the job itself is in the
// database. A lost notification costs latency, not correctness: waiters re-read the job on a short timer.
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type AgentMessage =
  | { type: "job_queued"; groupId: number }
  | { type: "job_changed"; jobId: string }
  | { type: "key_revoked"; keyId: number }
  | { type: "session_closed"; sessionId: string };

const CHANNEL = "keyhold_agent";

interface Bus {
  instanceId: string;
  local: EventEmitter;
  client?: pg.Client;
  connecting?: Promise<void>;
}

const globalForBus = globalThis as unknown as { keyholdAgentBus?: Bus };
globalForBus.keyholdAgentBus ??= { instanceId: randomUUID(), local: new EventEmitter().setMaxListeners(0) };
const bus: Bus = globalForBus.keyholdAgentBus;
const onPostgres = !env.DATABASE_URL.startsWith("file:");

function ensureListening(): Promise<void> {
  if (!onPostgres) return Promise.resolve();
  bus.connecting ??= connect().catch((err) => {
    bus.connecting = undefined;
    throw err;
  });
  return bus.connecting;
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("notification", (n) => {
    if (n.channel !== CHANNEL || !n.payload) return;
    try {
      const { from, message } = JSON.parse(n.payload) as { from: string; message: AgentMessage };
      if (from !== bus.instanceId) bus.local.emit("message", message);
    } catch (err) {
      log.warn({ err }, "ignored a malformed agent notification");
    }
  });
  const reconnect = () => {
    if (bus.client !== client) return;
    bus.client = undefined;
    bus.connecting = undefined;
    log.warn("agent notification connection lost; reconnecting");
    setTimeout(() => void ensureListening().catch((err) => log.error({ err }, "agent notification reconnect failed")), 1_000);
  };
  client.on("error", reconnect);
  client.on("end", reconnect);
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  bus.client = client;
}

/** Starts listening to other instances (idempotent); the agent routes call it before their first wait. */
export function listenForAgentMessages(): Promise<void> {
  return ensureListening();
}

export async function publishAgentMessage(message: AgentMessage): Promise<void> {
  bus.local.emit("message", message);
  if (!onPostgres) return;
  await ensureListening();
  await bus.client!.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: bus.instanceId, message })]);
}

/** Calls `listener` with every message, local or from another instance, until the returned function is called. */
export function onAgentMessage(listener: (m: AgentMessage) => void): () => void {
  bus.local.on("message", listener);
  return () => bus.local.off("message", listener);
}

/**
 * Watches for matching messages from the moment it is created, so that a message arriving while its owner reads
 * the database (between two waits) is not lost: `next` then resolves at once. Close it when done.
 */
export interface AgentMessageWatch {
  /** True when a matching message arrived since the last call (or arrives within timeoutMs); false on timeout or abort. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  close(): void;
}

export function watchAgentMessages(match: (m: AgentMessage) => boolean): AgentMessageWatch {
  let seen = false;
  let wake: (() => void) | undefined;
  const onMessage = (m: AgentMessage) => {
    if (!match(m)) return;
    seen = true;
    wake?.();
  };
  bus.local.on("message", onMessage);
  return {
    next(timeoutMs, signal) {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          wake = undefined;
          const value = seen;
          seen = false;
          resolve(value);
        };
        const timer = setTimeout(done, Math.max(0, timeoutMs));
        wake = done;
        if (seen || signal?.aborted) done();
        else signal?.addEventListener("abort", done, { once: true });
      });
    },
    close: () => bus.local.off("message", onMessage),
  };
}
