// Azure emulator: Microsoft Entra ID + Key Vault, over HTTPS with a test CA, under their real host names
// (login.microsoftonline.com, <vault>.vault.azure.net). Clients reach it as an HTTP CONNECT proxy
// (HTTPS_PROXY, which the Azure SDK honours), so the SDK runs unmodified with every production check on:
// the challenge resource https://vault.azure.net matches the vault's domain, msal-node uses its built-in
// public-cloud metadata, and TLS is verified against the test CA. See FIDELITY.md.
//
// One loopback port serves three things, told apart by the first byte: TLS (direct HTTPS to the control
// API), plain HTTP CONNECT (the proxy), and plain HTTP for the /_emulator/ control API.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import net, { type Socket } from "node:net";
import type { FaultSpec, RunningEmulator } from "../types";
import { createTestPki, type TestPki } from "./certs";
import { entraOperation, handleEntra, ENTRA_HOSTS } from "./entra";
import { FaultBook, playFault } from "./faults";
import { playVaultFault } from "./vault-faults";
import { loadState, type AzureFixture, type EmulatorState } from "./fixture";
import { readBody, sendJson, socketAsDuplex } from "./http-util";
import { authenticate, handleVault, kvError, vaultOperation, VAULT_HOST_SUFFIX } from "./key-vault";
import { applyMutation, StateOpError, type AzureStateMutation, type MutationResult } from "./state-ops";
import { createTokenSigner } from "./tokens";

export type { AzureFixture } from "./fixture";
export { createTestPki, type TestPki } from "./certs";
export type { AzureStateMutation, MutationResult } from "./state-ops";

interface AzureEmulatorOptions {
  port?: number;
  fixture: AzureFixture;
  /** Reuse a PKI (e.g. persisted by a launcher) so a restarted emulator stays trusted by running clients. */
  pki?: TestPki;
}

export interface RunningAzureEmulator extends RunningEmulator {
  /** The value for HTTPS_PROXY: Entra ID and Key Vault host names are routed to this emulator. */
  proxyUrl: string;
  /** PEM of the test CA that signed the emulator's certificate (write it to a file for NODE_EXTRA_CA_CERTS). */
  caCertPem: string;
  setState(mutation: AzureStateMutation): MutationResult;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export async function startAzureEmulator(options: AzureEmulatorOptions): Promise<RunningAzureEmulator> {
  const pki = options.pki ?? createTestPki();
  const signer = createTokenSigner();
  const book = new FaultBook();
  let state: EmulatorState = loadState(options.fixture);
  const sockets = new Set<Socket>();

  const setState = (mutation: AzureStateMutation): MutationResult => {
    if (mutation.op === "reset") {
      state = loadState(options.fixture);
      return { ok: true };
    }
    try {
      return applyMutation(state, mutation);
    } catch (err) {
      if (err instanceof StateOpError) return { ok: false, error: err.message };
      throw err;
    }
  };

  async function control(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const json = async () => JSON.parse((await readBody(req)) || "{}") as unknown;
    const route = `${req.method} ${pathname}`;
    if (route === "GET /_emulator/calls") return sendJson(res, 200, book.calls());
    if (route === "GET /_emulator/ca.pem") {
      res.writeHead(200, { "Content-Type": "application/x-pem-file" });
      return res.end(pki.caCertPem);
    }
    if (route === "POST /_emulator/calls/reset") {
      book.resetCalls();
      return sendJson(res, 200, {});
    }
    if (route === "POST /_emulator/faults") {
      try {
        book.inject((await json()) as FaultSpec);
      } catch (err) {
        return sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
      return sendJson(res, 200, {});
    }
    if (route === "POST /_emulator/faults/clear") {
      book.clear();
      return sendJson(res, 200, {});
    }
    if (route === "POST /_emulator/state") {
      const result = setState((await json()) as AzureStateMutation);
      return sendJson(res, result.ok ? 200 : 400, result);
    }
    sendJson(res, 404, { error: `no control route ${route}` });
  }

  async function serveTls(req: IncomingMessage, res: ServerResponse) {
    const host = (req.headers.host ?? "").toLowerCase();
    const hostname = host.replace(/:\d+$/, "");
    const url = new URL(req.url ?? "/", `https://${host || "localhost"}`);
    if (url.pathname.startsWith("/_emulator/")) return control(req, res, url.pathname);

    if (hostname.endsWith(VAULT_HOST_SUFFIX)) {
      const vault = state.vaults.get(hostname.slice(0, -VAULT_HOST_SUFFIX.length));
      if (!vault) return sendJson(res, 404, { error: { code: "VaultNotFound", message: `No vault ${hostname}` } });
      const claims = authenticate(req, res, vault, signer);
      if (!claims) return book.count("challenge");
      const op = vaultOperation(req.method ?? "GET", url.pathname);
      if (!op) return kvError(res, req, vault, 405, "BadParameter", "The emulator serves secret reads only (get, list, list versions).");
      book.count(op);
      const fault = book.take(op);
      if (playVaultFault(fault, op, req, res, url, vault, claims)) return;
      if (await playFault(fault, req, res, "keyvault")) return;
      return handleVault(op, req, res, url, state.vaults.get(vault.name.toLowerCase()) ?? vault, claims);
    }

    const op = entraOperation(req.method ?? "GET", url.pathname);
    if (!op) return sendJson(res, 404, { error: "not_found", error_description: `No route ${req.method} ${url.pathname}` });
    book.count(op);
    if (await playFault(book.take(op), req, res, "entra")) return;
    return handleEntra(op, req, res, url, hostname, { state, signer });
  }

  const onError = (res: ServerResponse) => (err: unknown) => {
    if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: "emulator_error", message: String(err) });
  };
  const tlsServer = https.createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (req, res) => {
    serveTls(req, res).catch(onError(res));
  });
  const plainServer = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname.startsWith("/_emulator/")) return void control(req, res, pathname).catch(onError(res));
    sendJson(res, 400, { error: "This port speaks HTTPS, HTTP CONNECT (as HTTPS_PROXY) and /_emulator/ only." });
  });

  plainServer.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? "");
    if (!target) return void socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    const hostname = (target[1] ?? "").toLowerCase();
    const port = Number(target[2]);
    const emulated =
      port === 443 &&
      (ENTRA_HOSTS.includes(hostname) || (hostname.endsWith(VAULT_HOST_SUFFIX) && state.vaults.has(hostname.slice(0, -VAULT_HOST_SUFFIX.length))));
    if (emulated) {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      tlsServer.emit("connection", socketAsDuplex(socket, head));
      return;
    }
    if (LOOPBACK.has(hostname)) {
      // Other local emulators stay reachable even when NO_PROXY does not list loopback.
      const upstream = net.connect(port, hostname, () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
      return;
    }
    // Anything else would need the internet; like a proxy that cannot resolve the name, refuse it.
    socket.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });

  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      socket.pause();
      if (first[0] === 0x16) {
        tlsServer.emit("connection", socketAsDuplex(socket, first));
      } else {
        socket.unshift(first);
        plainServer.emit("connection", socket);
        socket.resume();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (listener.address() as net.AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    proxyUrl: `http://127.0.0.1:${port}`,
    port,
    caCertPem: pki.caCertPem,
    calls: () => book.calls(),
    resetCalls: () => book.resetCalls(),
    injectFault: (fault) => book.inject(fault),
    clearFaults: () => book.clear(),
    setState,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tlsServer.close();
        plainServer.close();
        listener.close(() => resolve());
      }),
  };
}
