import "server-only";
// Cache invalidations reach every console instance through PostgreSQL LISTEN/NOTIFY (nothing extra to run).
// Each instance applies a change locally first, then announces it; instances ignore their own echoes. With
// SQLite there is one instance by construction, so the bus is local only.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type CacheMessage =
  | { type: "clear_workspace"; workspaceId: number }
  | { type: "drop_config"; configId: number }
  /** `refetch`: a rotation was seen; instances re-read the entries they were using so the next use is warm. */
  | { type: "drop_secrets"; configId: number; keys: string[]; refetch?: boolean };

const CHANNEL = "keyhold_cache";
/** NOTIFY payloads must stay under 8000 bytes; a larger drop is sent as a whole-configuration drop. */
const MAX_PAYLOAD = 7000;

type Handler = (message: CacheMessage) => void;

interface Bus {
  instanceId: string;
  handler?: Handler;
  client?: pg.Client;
  connecting?: Promise<void>;
}

const globalForBus = globalThis as unknown as { keyholdCacheBus?: Bus };
globalForBus.keyholdCacheBus ??= { instanceId: randomUUID() };
const bus: Bus = globalForBus.keyholdCacheBus;
const onPostgres = !env.DATABASE_URL.startsWith("file:");

/** Registers what to do with other instances' messages, and starts listening (idempotent). */
export function listenForCacheMessages(handler: Handler): Promise<void> {
  bus.handler = handler;
  if (!onPostgres) return Promise.resolve();
  bus.connecting ??= connect();
  return bus.connecting;
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("notification", (n) => {
    if (n.channel !== CHANNEL || !n.payload) return;
    try {
      const { from, message } = JSON.parse(n.payload) as { from: string; message: CacheMessage };
      if (from !== bus.instanceId) bus.handler?.(message);
    } catch (err) {
      log.warn({ err }, "ignored a malformed cache notification");
    }
  });
  const reconnect = () => {
    if (bus.client !== client) return;
    bus.client = undefined;
    bus.connecting = undefined;
    log.warn("cache notification connection lost; reconnecting");
    // Entries this instance holds may have missed a clear while disconnected: drop everything to be safe.
    bus.handler?.({ type: "clear_workspace", workspaceId: -1 });
    setTimeout(() => {
      bus.connecting ??= connect().catch((err) => log.error({ err }, "cache notification reconnect failed"));
    }, 1_000);
  };
  client.on("error", reconnect);
  client.on("end", reconnect);
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  bus.client = client;
}

/** Announces a change this instance has already applied locally. */
export async function publishCacheMessage(message: CacheMessage): Promise<void> {
  if (!onPostgres) return;
  let payload = JSON.stringify({ from: bus.instanceId, message });
  if (payload.length > MAX_PAYLOAD && message.type === "drop_secrets") {
    payload = JSON.stringify({ from: bus.instanceId, message: { type: "drop_config", configId: message.configId } });
  }
  await (bus.connecting ?? listenForCacheMessages(bus.handler ?? (() => undefined)));
  await bus.client!.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
}

/**
 * For readiness: "local" on SQLite (one instance, nothing to listen to), else whether this instance is
 * listening for other instances' invalidations right now.
 */
export function cacheBusState(): "local" | "listening" | "connecting" | "not_started" {
  if (!onPostgres) return "local";
  if (bus.client) return "listening";
  return bus.connecting === undefined ? "not_started" : "connecting";
}
