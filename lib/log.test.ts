import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { createLogger } from "./log";

const CANARY = "canary-Secr3t-e91b";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("logger redaction", () => {
  it("censors credential-like fields at the top level and one level down", () => {
    const { logger, lines } = capture();
    logger.info({ password: CANARY, user: { password: CANARY, token: CANARY }, authorization: `Bearer ${CANARY}` }, "login");
    logger.warn({ req: { headers: { authorization: CANARY, cookie: CANARY } } }, "request");
    logger.info({ form: { clientSecret: CANARY, serviceAccountJson: CANARY } }, "save");
    const out = lines.join("");
    expect(lines).toHaveLength(3);
    expect(out).not.toContain(CANARY);
    expect(out).toContain("[redacted]");
    expect(out).toContain('"msg":"login"');
  });
});
