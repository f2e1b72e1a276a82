// What every emulator test does before each test: back to the fixture, no queued faults, call counters at zero.
import type { RunningEmulator } from "./types";

export function resetEmulator(emulator: RunningEmulator & { setState(mutation: { op: "reset" }): unknown }): void {
  emulator.setState({ op: "reset" });
  emulator.clearFaults();
  emulator.resetCalls();
}
