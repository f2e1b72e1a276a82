import { describe, expect, it } from "vitest";
import { publishAgentMessage, watchAgentMessages } from "./agent-bus";

describe("agent message watch", () => {
  it("keeps a message that arrives between two waits: the next wait resolves at once", async () => {
    const watch = watchAgentMessages((m) => m.type === "job_changed" && m.jobId === "a");
    try {
      // The owner is busy (reading the job) when the change lands; no wait is pending.
      await publishAgentMessage({ type: "job_changed", jobId: "a" });
      const started = performance.now();
      expect(await watch.next(5_000)).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
      // Consumed: the following wait times out.
      expect(await watch.next(20)).toBe(false);
    } finally {
      watch.close();
    }
  });

  it("wakes a pending wait, ignores other messages, and stops listening when closed", async () => {
    const watch = watchAgentMessages((m) => m.type === "job_queued" && m.groupId === 7);
    const pending = watch.next(5_000);
    await publishAgentMessage({ type: "job_queued", groupId: 8 });
    await publishAgentMessage({ type: "job_queued", groupId: 7 });
    expect(await pending).toBe(true);
    watch.close();
    await publishAgentMessage({ type: "job_queued", groupId: 7 });
    expect(await watch.next(20)).toBe(false);
  });

  it("an aborted signal ends the wait with false", async () => {
    const watch = watchAgentMessages(() => true);
    const controller = new AbortController();
    const pending = watch.next(5_000, controller.signal);
    controller.abort();
    expect(await pending).toBe(false);
    watch.close();
  });
});
