// A throwaway PKI for the emulator: a test CA and one server certificate for every host name the emulator
// answers as (Entra ID and Key Vault's real public-cloud names, plus loopback for the control API). Keys come
// from node:crypto (native, milliseconds); node-forge only assembles and signs the X.509 structures.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface TestPki {
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const SERVER_DNS_NAMES = ["*.vault.azure.net", "login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net", "localhost"];
const SERVER_IPS = ["127.0.0.1", "::1"];

function rsaKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function baseCertificate(publicKey: forge.pki.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive serial: a leading 0x00-0x7f byte keeps the DER integer from reading as negative.
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return cert;
}

export function createTestPki(): TestPki {
  const ca = rsaKeyPair();
  const caCert = baseCertificate(ca.publicKey, 30);
  const caName = [
    { name: "commonName", value: "Keyhold Azure Emulator Test CA" },
    { name: "organizationName", value: "Keyhold test" },
  ];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = rsaKeyPair();
  const serverCert = baseCertificate(server.publicKey, 30);
  serverCert.setSubject([{ name: "commonName", value: "*.vault.azure.net" }]);
  serverCert.setIssuer(caName);
  serverCert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    {
      name: "subjectAltName",
      altNames: [...SERVER_DNS_NAMES.map((value) => ({ type: 2, value })), ...SERVER_IPS.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  serverCert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    serverCertPem: forge.pki.certificateToPem(serverCert),
    serverKeyPem: server.privateKeyPem,
  };
}
