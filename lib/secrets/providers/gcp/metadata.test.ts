// The Google metadata reader against the emulator: GetSecretVersion (never access), expire_time from the
// listing, DISABLED / DESTROYED states, not-found, and the Accessor-only identity refused metadata with the
// metadata permission named.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGcpEmulator, type RunningGcpEmulator } from "@/e2e/emulators/gcp/gcp-emulator";
import { demoFixture, serviceAccountJsonFor } from "@/e2e/emulators/gcp/fixture";
import { resetEmulator } from "@/e2e/emulators/reset";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import { createGcpProvider } from "./index";

let emu: RunningGcpEmulator;
beforeAll(async () => {
  emu = await startGcpEmulator({ fixture: demoFixture });
});
afterAll(() => emu.close());
beforeEach(() => resetEmulator(emu));

const provider = () =>
  createGcpProvider(
    {
      kind: "gcp",
      owner: { workspaceId: 1 },
      settings: { projectId: "keyhold-demo" },
      auth: { serviceAccountJson: serviceAccountJsonFor(demoFixture, emu.url) },
    },
    { apiEndpoint: emu.url, retryPolicy: { attemptTimeoutMs: 2_000, overallTimeoutMs: 6_000, baseDelayMs: 5, maxDelayMs: 20 } },
  );
const DB: SecretRef = { kind: "gcp", secretId: "db-password" };

async function one(ref: SecretRef) {
  const report = await provider().readMetadata!([ref]);
  const outcome = report.results.get(secretVersionKey(ref));
  if (!outcome) throw new Error("no outcome");
  return { outcome, report };
}

describe("Google metadata reader", () => {
  it("reads the latest version's metadata and the listing, never access", async () => {
    emu.setState({ op: "setExpireTime", secretId: "db-password", expireTime: "2030-05-01T00:00:00Z" });
    emu.resetCalls();
    const { outcome, report } = await one(DB);
    expect(report.calls).toEqual({ listSecrets: 1, getSecretVersion: 1 });
    expect(emu.calls().accessSecretVersion ?? 0).toBe(0);
    expect(outcome).toMatchObject({ ok: true, metadata: { exists: true, version: "2", enabled: true, expiresAt: "2030-05-01T00:00:00.000Z" } });
  });

  it("a new version moves the version; a disabled or destroyed one is flagged", async () => {
    emu.setState({ op: "addVersion", secretId: "db-password", value: "v3" });
    expect((await one(DB)).outcome).toMatchObject({ ok: true, metadata: { version: "3", enabled: true } });
    emu.setState({ op: "disableVersion", secretId: "db-password", version: "latest" });
    expect((await one(DB)).outcome).toMatchObject({ ok: true, metadata: { version: "3", enabled: false } });
    emu.setState({ op: "destroyVersion", secretId: "db-password", version: "latest" });
    expect((await one(DB)).outcome).toMatchObject({ ok: true, metadata: { enabled: false, destroyed: true } });
  });

  it("a missing secret is exists: false", async () => {
    expect((await one({ kind: "gcp", secretId: "nope" })).outcome).toEqual({ ok: true, metadata: { exists: false } });
  });

  it("with the Accessor role only, metadata is refused naming secretmanager.versions.get; values still read", async () => {
    emu.setState({ op: "setProjectBinding", role: "roles/secretmanager.viewer", members: [] });
    const { outcome, report } = await one(DB);
    if (outcome.ok) throw new Error("expected a denial");
    expect(outcome.error.permission).toBe("secretmanager.versions.get");
    expect(outcome.error.message).toContain("Secret Accessor role does not grant it");
    expect(report.strategy).toBe("describe"); // listing refused too: no expiry source but GetSecret
    expect((await provider().fetchSecrets([DB])).get(secretVersionKey(DB))?.ok).toBe(true);
  });
});
