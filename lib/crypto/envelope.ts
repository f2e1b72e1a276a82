// Envelope encryption of literal credentials (docs/data-model.md "Envelope encryption"): each connection (and each
// provider configuration) has its own random 256-bit data key; values are AES-256-GCM under that key, and the
// data key is stored only wrapped (AES-256-GCM) by the master key. The associated data binds a ciphertext to
// its row and field, so copying a ciphertext into another row fails to decrypt instead of leaking.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAP_FORMAT = 1;
const KEY_ID_BYTES = 8;

interface EncryptedValue {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A short fingerprint of the master key, stored beside wrapped keys so a wrong key is named, not guessed. */
export function masterKeyId(masterKey: Buffer): Buffer {
  return createHash("sha256").update("keyhold-master-key-id").update(masterKey).digest().subarray(0, KEY_ID_BYTES);
}

/** Layout: format(1) | master key id(8) | iv(12) | tag(16) | wrapped data key(32). */
export function wrapDataKey(dataKey: Buffer, masterKey: Buffer): Uint8Array<ArrayBuffer> {
  assertKey(dataKey, "data key");
  assertKey(masterKey, "master key");
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([Buffer.from([WRAP_FORMAT]), masterKeyId(masterKey)]);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv);
  cipher.setAAD(header);
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return toBytes(Buffer.concat([header, iv, cipher.getAuthTag(), wrapped]));
}

export function unwrapDataKey(blob: Uint8Array, masterKey: Buffer): Buffer {
  assertKey(masterKey, "master key");
  const buf = Buffer.from(blob);
  if (buf.length !== 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES + KEY_BYTES || buf[0] !== WRAP_FORMAT) {
    throw new DecryptionError("Wrapped data key has an unknown format.");
  }
  const header = buf.subarray(0, 1 + KEY_ID_BYTES);
  if (!header.subarray(1).equals(masterKeyId(masterKey))) {
    throw new DecryptionError("This data key was wrapped by a different master key: check MASTER_KEY / MASTER_KEY_FILE.");
  }
  const iv = buf.subarray(header.length, header.length + IV_BYTES);
  const tag = buf.subarray(header.length + IV_BYTES, header.length + IV_BYTES + TAG_BYTES);
  const wrapped = buf.subarray(header.length + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, masterKey, iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    throw new DecryptionError("Wrapped data key failed authentication (tampered or corrupted).");
  }
}

export function encryptValue(plaintext: string, dataKey: Buffer, context: string): EncryptedValue {
  assertKey(dataKey, "data key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: toBytes(ciphertext), iv: toBytes(iv), tag: toBytes(cipher.getAuthTag()) };
}

export function decryptValue(value: EncryptedValue, dataKey: Buffer, context: string): string {
  assertKey(dataKey, "data key");
  try {
    const decipher = createDecipheriv(ALGORITHM, dataKey, Buffer.from(value.iv));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(value.tag));
    return Buffer.concat([decipher.update(Buffer.from(value.ciphertext)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(`Encrypted value for ${context} failed authentication (tampered or moved).`);
  }
}

function assertKey(key: Buffer, what: string): void {
  if (key.length !== KEY_BYTES) throw new Error(`The ${what} must be ${KEY_BYTES} bytes.`);
}

/** Prisma's Bytes columns want a Uint8Array backed by a plain ArrayBuffer. */
function toBytes(buf: Buffer): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}
