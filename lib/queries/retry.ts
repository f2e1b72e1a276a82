// What the browser may retry (docs/errors.md "Retry budget"). The server already retried the provider within
// its deadline, so an HTTP answer, 4xx or 5xx (a 503 "provider unavailable" included), is final for the
// browser: retrying it only multiplies provider calls. Only a request that never got an answer (the network
// dropped it) is tried once more.

/** A failure the server answered (problem+json or not): never retried by the browser. */
export class ProblemAnswerError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fix?: string,
  ) {
    super(message);
    this.name = "ProblemAnswerError";
  }
}

/** React Query's `retry` for every query: one more try after a network failure, none after an answer. */
export function retryUnanswered(failureCount: number, error: Error): boolean {
  if (error instanceof ProblemAnswerError) return false;
  if (error.name === "AbortError") return false;
  return failureCount < 1;
}
