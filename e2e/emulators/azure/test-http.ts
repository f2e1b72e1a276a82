// Raw HTTPS to the Azure emulator for wire-level tests: the Azure SDK hides bodies and headers of errors.
import http from "node:http";
import https from "node:https";
import type { RunningAzureEmulator } from "./index";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export const DEMO_TENANT = "00000000-0000-0000-0000-0000000000aa";
export const DEMO_APP = "11111111-2222-3333-4444-555555555555";
export const DEMO_VAULT_HOST = "keyhold-demo.vault.azure.net";

/** HTTPS to the emulator's port, presenting `host` by SNI and Host header, as a tunnelled client would. */
export function tls(
  emulator: RunningAzureEmulator,
  method: string,
  host: string,
  pathAndQuery: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: "127.0.0.1", port: emulator.port, servername: host, method, path: pathAndQuery, ca: emulator.caCertPem, headers: { host, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function tokenRequest(emulator: RunningAzureEmulator, secret = "demo-client-secret"): Promise<Reply> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: DEMO_APP, client_secret: secret, scope: "https://vault.azure.net/.default" });
  return tls(emulator, "POST", "login.microsoftonline.com", `/${DEMO_TENANT}/oauth2/v2.0/token`, form.toString(), {
    "content-type": "application/x-www-form-urlencoded",
  });
}

/** A bearer header for the demo vault. */
export async function demoAuth(emulator: RunningAzureEmulator): Promise<Record<string, string>> {
  const token = JSON.parse((await tokenRequest(emulator)).body) as { access_token: string };
  return { authorization: `Bearer ${token.access_token}` };
}

export function postControl(emulator: RunningAzureEmulator, path: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: emulator.port, method: "POST", path }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
