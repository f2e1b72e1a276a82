import { describe, expect, it } from "vitest";
import { ProblemAnswerError, retryUnanswered } from "./retry";
import { secretsQueryOptions } from "./secrets";

describe("browser retries", () => {
  it("never retries an answer the server gave: 403 denied, 503 provider unavailable, 400 stale page token", () => {
    for (const status of [400, 403, 404, 429, 500, 503]) {
      expect(retryUnanswered(0, new ProblemAnswerError("refused", status))).toBe(false);
    }
  });

  it("tries once more when the request got no answer at all, then stops", () => {
    const dropped = new TypeError("Failed to fetch");
    expect(retryUnanswered(0, dropped)).toBe(true);
    expect(retryUnanswered(1, dropped)).toBe(false);
  });

  it("does not retry a request the page itself aborted", () => {
    expect(retryUnanswered(0, Object.assign(new Error("aborted"), { name: "AbortError" }))).toBe(false);
  });
});

describe("the secret browser's query", () => {
  it("uses the no-retry-on-answer rule", () => {
    expect(secretsQueryOptions({ workspaceId: 1, config: "active" }, "").retry).toBe(retryUnanswered);
  });
});
