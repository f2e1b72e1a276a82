// The master key's check value: HMAC-SHA256 of a fixed constant under the key, stored with the key id. It
// proves a configured key is the one the database was written with, before any request needs it, without
// storing anything that helps recover the key.
import { createHmac, timingSafeEqual } from "node:crypto";
import { masterKeyId } from "./envelope";

const CHECK_CONSTANT = "keyhold master key check v1";

export interface KeyCheck {
  /** Hex of the key id that wrapped data keys carry. */
  keyId: string;
  /** Hex of HMAC-SHA256(key, constant). */
  checkValue: string;
}

export function computeKeyCheck(masterKey: Buffer): KeyCheck {
  return {
    keyId: masterKeyId(masterKey).toString("hex"),
    checkValue: createHmac("sha256", masterKey).update(CHECK_CONSTANT).digest("hex"),
  };
}

export function keyMatchesCheck(masterKey: Buffer, stored: KeyCheck): boolean {
  const mine = Buffer.from(computeKeyCheck(masterKey).checkValue, "hex");
  const theirs = Buffer.from(stored.checkValue, "hex");
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}
