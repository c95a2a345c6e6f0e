import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventBody, Station, TranscriptEvent } from './event';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** prevHash of event 1: names the ceremony and station, so a chain cannot be replayed into another one. */
export function genesisHash(ceremonyId: string, station: Station): string {
  return sha256Hex(`kms-ceremony transcript v1 genesis\n${ceremonyId}\n${station}`);
}

/** The hash the next event's prevHash must carry: SHA-256 of the line's exact bytes, without its newline. */
export function lineHash(line: string): string {
  return sha256Hex(line);
}

/** Ed25519 signature (base64) over the canonical JSON of the event without `sig`. */
export function signBody(body: EventBody, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64');
}

export function verifyEventSignature(event: TranscriptEvent, publicKey: KeyObject): boolean {
  const { sig, ...body } = event;
  try {
    return verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

export function eventLine(event: TranscriptEvent): string {
  return canonicalJson(event);
}
