// HTTPS with an X.509 client certificate: the TLS handshake presents the certificate (PEM validated first,
// whether it came from a literal or a secret), then one GET of the URL.
import { resolveAllowed } from "../egress";
import { parsePem, PemError } from "../pem";
import { urlCredentialsProblem } from "../request-target";
import { describeStatus, pinnedLookup, portOf, request } from "./http";
import type { Tester } from "./types";

export const testHttpsCertificate: Tester = async ({ settings, values, egress, timeoutMs }) => {
  const started = performance.now();
  const url = new URL(String(settings.url));
  const userinfo = urlCredentialsProblem(url);
  if (userinfo) return { ok: false, ms: 0, message: `Not sent: ${userinfo}` };
  let cert: string, key: string, ca: string | undefined;
  try {
    cert = parsePem("certificate", "certificate", values.certificate ?? "");
    key = parsePem("private_key", "private_key", values.private_key ?? "");
    ca = values.ca ? parsePem("ca", "ca", values.ca) : undefined;
  } catch (err) {
    if (err instanceof PemError) return { ok: false, ms: 0, message: err.message };
    throw err;
  }
  const target = await resolveAllowed(url.hostname, egress, { port: portOf(url) });
  try {
    const answer = await request(
      url,
      { cert, key, ca, servername: target.host, lookup: pinnedLookup(target), headers: { "user-agent": "Keyhold connection test" } },
      timeoutMs,
    );
    const report = describeStatus(url, answer, started);
    return report.ok ? { ...report, message: `TLS handshake with the client certificate succeeded; ${report.message}` } : report;
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      message: `TLS handshake with ${url.host} failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
};
