import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEMO_EGRESS_ALLOW_LIST } from "@/prisma/seed-data";
import { egressPolicySchema } from "./secrets-settings";

const parse = (mode: string, entries: string) => egressPolicySchema.safeParse({ workspaceId: "1", mode, entries });
const errorsOf = (r: ReturnType<typeof parse>) => (r.success ? {} : z.flattenError(r.error).fieldErrors);

describe("egress policy form schema", () => {
  it("accepts the demo's shipped allow-list exactly as the form would submit it", () => {
    const r = parse("public", DEMO_EGRESS_ALLOW_LIST.join("\n"));
    expect(r.success && r.data.entries).toEqual(DEMO_EGRESS_ALLOW_LIST);
  });

  it("accepts IPs, CIDRs, host names and host:port entries, and both modes", () => {
    const r = parse("public+private", "10.0.0.0/8, 127.0.0.1:5432\n[::1]:8200 ::1 fd00::/8 vault.internal:8200 metadata.google.internal");
    expect(r.success && r.data).toEqual({
      workspaceId: 1,
      mode: "public+private",
      entries: ["10.0.0.0/8", "127.0.0.1:5432", "[::1]:8200", "::1", "fd00::/8", "vault.internal:8200", "metadata.google.internal"],
    });
  });

  it("reports bad entries and a bad mode as field errors", () => {
    for (const bad of [
      "http://vault.internal",
      "127.1",
      "0x7f000001",
      "host:0",
      "host:70000",
      "10.0.0.0/33",
      "a_b.example",
      "vault.internal:8200:1",
      "[::1",
      "user@host",
    ]) {
      expect(Object.keys(errorsOf(parse("public", bad))), bad).toEqual(["entries"]);
    }
    expect(Object.keys(errorsOf(parse("everything", "")))).toEqual(["mode"]);
    expect(errorsOf(parse("public", Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`).join("\n"))).entries).toEqual(["At most 50 entries."]);
  });
});
