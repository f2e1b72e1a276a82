// Reconnect delays with "full jitter": a random delay up to an exponentially growing cap, so a fleet of agents
// that lost the console at the same moment does not come back in lockstep.
export function backoffDelay(attempt: number, random = Math.random, baseMs = 500, capMs = 15_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(random() * ceiling);
}
