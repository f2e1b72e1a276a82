import "server-only";
// Waking run workers on every console instance (docs/workflows.md "The run queue"). On PostgreSQL a submit
// sends NOTIFY in the transaction that inserts the run, so it is delivered at commit, when the row is visible;
// every instance LISTENs on its own connection and wakes its idle workers, which claim with SKIP LOCKED. Polling
// stays as the safety net (a notification lost during a reconnect). SQLite: one instance, the submitting process
// wakes its own workers (lib/services/workflows/runs.ts), nothing to listen to.
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const CHANNEL = "keyhold_runs";
const onPostgres = () => !env.DATABASE_URL.startsWith("file:");

interface Wakeups {
  listeners: Set<() => void>;
  client?: pg.Client;
  connecting?: Promise<void>;
}

const globalForWakeups = globalThis as unknown as { keyholdRunWakeups?: Wakeups };
globalForWakeups.keyholdRunWakeups ??= { listeners: new Set() };
const state: Wakeups = globalForWakeups.keyholdRunWakeups;

const wakeAll = () => {
  for (const listener of state.listeners) listener();
};

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("notification", (n) => {
    if (n.channel === CHANNEL) wakeAll();
  });
  const lost = () => {
    if (state.client !== client) return;
    state.client = undefined;
    state.connecting = undefined;
    if (state.listeners.size === 0) return;
    log.warn("run wake-up connection lost; reconnecting (workers poll meanwhile)");
    setTimeout(() => {
      if (state.listeners.size === 0) return;
      state.connecting ??= connect().catch((err) => log.error({ err: err instanceof Error ? err.message : String(err) }, "run wake-up reconnect failed"));
    }, 1_000);
  };
  client.on("error", lost);
  client.on("end", lost);
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  state.client = client;
  // Anything submitted while this connection was down is found by the next claim.
  wakeAll();
}

/**
 * Calls `listener` whenever any instance submits a run. Resolves once this instance is listening; the returned
 * function unsubscribes (the connection closes with the last listener).
 */
export async function onRunSubmitted(listener: () => void): Promise<() => Promise<void>> {
  state.listeners.add(listener);
  const unsubscribe = async () => {
    state.listeners.delete(listener);
    if (state.listeners.size > 0 || !state.client) return;
    const client = state.client;
    state.client = undefined;
    state.connecting = undefined;
    await client.end().catch(() => undefined);
  };
  if (!onPostgres()) return unsubscribe;
  state.connecting ??= connect();
  await state.connecting;
  return unsubscribe;
}

/** Inside the submitting transaction: the notification goes out at commit, with the row visible. */
export async function announceRunSubmitted(tx: Prisma.TransactionClient): Promise<void> {
  if (onPostgres()) await tx.$executeRawUnsafe(`NOTIFY ${CHANNEL}`);
}
