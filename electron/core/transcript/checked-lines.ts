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
  /** How far the growing transcript last given to `add` was read (its complete lines), and with which key. */
  private read = { bytes: 0, keyId: '' };

  /**
   * Checks the complete lines of `transcript` (a file's bytes, or text) against `key`, and keeps those that
   * are good. A transcript grows: bytes given again with the same key are read on from where the last call
   * stopped (the lines before it were looked at then; were they changed since, the final verification does
   * not find them here and checks them in full). Never throws: a line it cannot vouch for is only checked
   * again later.
   */
  add(transcript: string | Uint8Array, key: TrustedKey): void {
    let part = transcript;
    if (typeof transcript !== 'string') {
      const from =
        this.read.keyId === key.keyId && this.read.bytes <= transcript.length ? this.read.bytes : 0;
      const end =
        Buffer.from(transcript.buffer, transcript.byteOffset, transcript.byteLength).lastIndexOf(0x0a) + 1;
      part = transcript.subarray(from, Math.max(from, end));
      this.read = { bytes: Math.max(from, end), keyId: key.keyId };
    }
    const keys = new Map([[key.keyId, key.publicKey]]);
    for (const line of splitTranscript(part).lines) {
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
