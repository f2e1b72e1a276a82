// The provider form's "list secrets again" reaches every registered query client, and only those still listening.
import { describe, expect, it, vi } from "vitest";
import { onSecretsChanged, secretsChanged } from "./invalidate";

describe("secretsChanged", () => {
  it("tells each listener the workspace, until it unsubscribes", () => {
    const listener = vi.fn();
    const stop = onSecretsChanged(listener);
    secretsChanged(7);
    stop();
    secretsChanged(8);
    expect(listener.mock.calls).toEqual([[7]]);
  });
});
