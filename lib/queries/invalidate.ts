// "The provider changed: list secrets again", without importing TanStack Query: the provider form calls it on
// every page load, while the query client exists only once a secret browser has loaded (./client.ts).
type Listener = (workspaceId: number) => void;
const listeners = new Set<Listener>();

export function onSecretsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function secretsChanged(workspaceId: number): void {
  for (const listener of listeners) listener(workspaceId);
}
