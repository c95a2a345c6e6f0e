/**
 * Transcript lines already found good (check-line.ts: valid UTF-8 JSON, a valid event in canonical form,
 * signed by the station key it names), by their exact text, so that verifyTranscript does not check them
 * again (VerifyOptions.checkedLines). Why: `kms-ceremony run` verifies the whole transcript when the
 * ceremony closes, and checking each line (schema, canonical form, Ed25519) was most of that step; it now
 * checks each line once, as the ceremony writes it, while it waits for KMS. A line's verdict depends only on
 * its text and on the key it names, so a reused verdict is the verdict: a line that differs by one
 * character is not found and is checked in full; chain, order and segments are always checked whole.
 */
import type { KeyObject } from 'node:crypto';
import { checkLine } from './check-line';
import type { TranscriptEvent } from './event';
import { splitTranscript } from './lines';
import type { TrustedKey } from './station-key';

export class CheckedLines {
  /** Good lines' events by line text; each was verified with the key of its `stationKeyId`. */
  private readonly good = new Map<string, TranscriptEvent>();

  /**
   * Checks the complete lines of `transcript` (a file's bytes or text) not seen yet against `key`, and keeps
   * those that are good. Never throws: a line it cannot vouch for is simply checked again later.
   */
  add(transcript: string | Uint8Array, key: TrustedKey): void {
    const keys = new Map([[key.keyId, key.publicKey]]);
    for (const line of splitTranscript(transcript).lines) {
      if (line.invalid || this.good.has(line.raw)) continue;
      const { event, defect } = checkLine(line, keys, true);
      if (event && !defect) this.good.set(line.raw, event);
    }
  }

  /**
   * The event of the line `raw` when it was found good and the key it names is among `keys` (key ids are
   * the SHA-256 of the key, so the same id is the same key); undefined otherwise.
   */
  get(raw: string, keys: Map<string, KeyObject>): TranscriptEvent | undefined {
    const event = this.good.get(raw);
    return event && keys.has(event.stationKeyId) ? event : undefined;
  }

  /** How many lines are known good (tests, diagnostics). */
  get size(): number {
    return this.good.size;
  }
}
