// One console instance's run queue in its own process, for lib/services/workflows/instances.pg.test.ts: the
// console's queue (lib/services/workflows/queue.ts: SKIP LOCKED claims, LISTEN/NOTIFY wake-ups, the lease sweeper)
// on the shared PostgreSQL named by DATABASE_URL, and a submit endpoint that does what the run API does
// (createRun, whose NOTIFY wakes every instance). Prints `ready <port>` once it hears other instances' submits.
// Run with: npx tsx --conditions=react-server e2e/multi-instance/queue-instance.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mintActor } from "@/lib/auth/actor";
import { createRun } from "@/lib/data/workflow-runs";
import { startRunQueue } from "@/lib/services/workflows/queue";

interface SubmitBody {
  actor: { userId: number; email: string; workspaceId: number; projectId: number };
  workflowId: number;
  inputs: unknown[];
  timeoutMs: number;
}

const queue = startRunQueue({
  owner: process.env.QUEUE_OWNER,
  pollMs: 5_000,
  sweepMs: 500,
  concurrency: 4,
  limits: { expressionTimeoutMs: 10_000 },
});

async function submit(body: SubmitBody): Promise<string[]> {
  const actor = mintActor.project({ ...body.actor, workspaceRole: "owner", projectRole: null });
  const ids: string[] = [];
  for (const input of body.inputs) ids.push(await createRun(actor, body.workflowId, input, body.timeoutMs));
  queue.notify();
  return ids;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    submit(JSON.parse(Buffer.concat(chunks).toString("utf8")) as SubmitBody)
      .then((ids) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ids)))
      .catch((err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)));
  });
});

// The project is CommonJS for tsx, so no top-level await.
void queue.listening.then(() => server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`)));
process.on("SIGTERM", () => {
  server.close();
  void queue.stop().then(() => process.exit(0));
});
