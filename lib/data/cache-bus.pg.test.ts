import { describe, expect, it } from "vitest";
import pg from "pg";
import { env } from "@/lib/env";
import { listenForCacheMessages, publishCacheMessage, type CacheMessage } from "./cache-bus";

function waitFor<T>(predicate: () => T | undefined, ms = 1_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = predicate();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`not within ${ms} ms`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

describe("cache bus over PostgreSQL LISTEN/NOTIFY", () => {
  it("delivers another instance's message within a second, and ignores its own echo", async () => {
    const received: CacheMessage[] = [];
    await listenForCacheMessages((m) => received.push(m));
    const other = new pg.Client({ connectionString: env.DATABASE_URL });
    await other.connect();
    await other.query("SELECT pg_notify('keyhold_cache', $1)", [
      JSON.stringify({ from: "another-instance", message: { type: "clear_workspace", workspaceId: 42 } }),
    ]);
    expect(await waitFor(() => received[0])).toEqual({ type: "clear_workspace", workspaceId: 42 });

    const heard: string[] = [];
    await other.query("LISTEN keyhold_cache");
    other.on("notification", (n) => heard.push(n.payload ?? ""));
    await publishCacheMessage({ type: "drop_config", configId: 7 });
    const payload = JSON.parse(await waitFor(() => heard[0])) as { message: CacheMessage };
    expect(payload.message).toEqual({ type: "drop_config", configId: 7 });
    expect(received).toHaveLength(1); // our own echo is not applied twice
    await other.end();
  });

  it("turns a drop too large for a NOTIFY payload into a whole-configuration drop", async () => {
    const other = new pg.Client({ connectionString: env.DATABASE_URL });
    await other.connect();
    await other.query("LISTEN keyhold_cache");
    const heard: string[] = [];
    other.on("notification", (n) => heard.push(n.payload ?? ""));
    const keys = Array.from({ length: 500 }, (_, i) => `aws:arn:aws:secretsmanager:us-east-1:123456789012:secret:s${i}-AbCdEf`);
    await publishCacheMessage({ type: "drop_secrets", configId: 9, keys });
    expect((JSON.parse(await waitFor(() => heard[0])) as { message: CacheMessage }).message).toEqual({ type: "drop_config", configId: 9 });
    await other.end();
  });
});
