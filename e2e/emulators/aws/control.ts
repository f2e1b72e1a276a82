// The /_emulator/ control API (see ../types.ts), for tests that run the emulator in another process.
import type { IncomingMessage } from "node:http";
import type { FaultSpec } from "../types";
import type { FaultBook } from "./faults";
import type { HttpReply } from "./http-reply";
import type { AwsEmulatorState, AwsStateMutation } from "./state";

const ok = (payload: unknown = {}): HttpReply => ({ status: 200, contentType: "application/json", body: JSON.stringify(payload) });
const bad = (status: number, message: string): HttpReply => ({
  status,
  contentType: "application/json",
  body: JSON.stringify({ error: message }),
});

export function handleControl(req: IncomingMessage, body: Buffer, { faults, state }: { faults: FaultBook; state: AwsEmulatorState }): HttpReply {
  const path = (req.url ?? "").split("?")[0];
  const route = `${req.method} ${path}`;
  try {
    switch (route) {
      case "GET /_emulator/calls":
        return ok(faults.calls());
      case "POST /_emulator/calls/reset":
        faults.resetCalls();
        return ok();
      case "POST /_emulator/faults":
        faults.inject(JSON.parse(body.toString("utf8")) as FaultSpec);
        return ok();
      case "POST /_emulator/faults/clear":
        faults.clear();
        return ok();
      case "POST /_emulator/state":
        state.apply(JSON.parse(body.toString("utf8")) as AwsStateMutation);
        return ok();
      default:
        return bad(404, `no control route ${route}`);
    }
  } catch (err) {
    return bad(400, err instanceof Error ? err.message : String(err));
  }
}
