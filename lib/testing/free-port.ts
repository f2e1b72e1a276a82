// A TCP port on 127.0.0.1 that nothing listens on right now: for a server a test is about to start, or as a
// closed port that refuses connections (nothing can claim it in between except another process's bind(0)).
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
