// A throwaway PKI for client-certificate tests: one CA that signs a server certificate for 127.0.0.1 /
// localhost and client certificates for given common names (PostgreSQL's `cert` auth maps the CN to the role).
// Keys come from node:crypto; node-forge (a devDependency) only assembles and signs the X.509 structures.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface IssuedCert {
  certPem: string;
  keyPem: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function certificate(publicKey: forge.pki.PublicKey, subject: string, issuer: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 60 * 60 * 1000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer([{ name: "commonName", value: issuer }]);
  return cert;
}

export function createClientCertPki(caName = "Keyhold test client CA") {
  const ca = keyPair();
  const caCert = certificate(ca.forgePublic, caName, caName);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(ca.forgePrivate, forge.md.sha256.create());
  const issue = (commonName: string, usage: "serverAuth" | "clientAuth"): IssuedCert => {
    const pair = keyPair();
    const cert = certificate(pair.forgePublic, commonName, caName);
    cert.setExtensions([
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", [usage]: true },
      ...(usage === "serverAuth"
        ? [
            {
              name: "subjectAltName",
              altNames: [
                { type: 2, value: "localhost" },
                { type: 7, ip: "127.0.0.1" },
              ],
            },
          ]
        : []),
    ]);
    cert.sign(ca.forgePrivate, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: pair.keyPem };
  };
  return {
    caPem: forge.pki.certificateToPem(caCert),
    server: () => issue("localhost", "serverAuth"),
    client: (commonName: string) => issue(commonName, "clientAuth"),
  };
}

/** How secrets managers often hold a PEM: one line, each newline written as the two characters \ and n. */
export const oneLinePem = (pem: string) => pem.trim().split(/\r?\n/).join("\\n");
