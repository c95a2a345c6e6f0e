import { beforeAll, describe, expect, it } from 'vitest';
import {
  CheckedLines,
  lineHash,
  verifyTranscript,
  type StationKey,
} from '../../../../electron/core/transcript';
import { realisticCeremony } from './fixtures';

let text: string;
let lines: string[];
let keys: StationKey[];
let head: { events: number; headHash: string };
let checked: CheckedLines;

const join = (ls: string[]) => `${ls.join('\n')}\n`;

beforeAll(async () => {
  const c = await realisticCeremony();
  text = c.onlineText;
  lines = text.split('\n').slice(0, -1);
  keys = [c.online, c.offline];
  head = { events: lines.length, headHash: lineHash(lines[lines.length - 1] as string) };
  checked = new CheckedLines();
  checked.add(text, c.online);
});

/**
 * Verifies `t` twice: from scratch, and reusing the verdicts on the untouched transcript's lines (as
 * `kms-ceremony run` does, checked-lines.ts), which must never hide a change: both answers are the same.
 */
function verify(t: string | Uint8Array) {
  const options = { trustedKeys: keys.map((k) => k.publicKey), expectedHead: head };
  const fresh = verifyTranscript(t, options);
  expect(verifyTranscript(t, { ...options, checkedLines: checked })).toEqual(fresh);
  return fresh;
}

describe('tamper detection on a realistic ceremony transcript', () => {
  it('the untouched transcript is intact, complete and pinned to trusted keys', () => {
    const r = verify(text);
    expect(r).toMatchObject({
      intact: true,
      events: 11,
      complete: true,
      trusted: true,
      message: 'intact: 11 events',
    });
    if (r.intact)
      expect(r.segments).toEqual([expect.objectContaining({ carriedBy: 8, station: 'offline', events: 7 })]);
  });

  it('flipping any byte of any event is reported at that event (low bit, and high bit: invalid UTF-8)', () => {
    // Every byte of every line would be ~8k verifications of the whole file; sample 40 positions per
    // line spread over its whole length (start, JSON punctuation, values, signature, newline).
    for (const mask of [0x01, 0x80]) {
      let offset = 0;
      for (let n = 1; n <= lines.length; n++) {
        const len = (lines[n - 1] as string).length + 1; // + its newline
        for (let k = 0; k < 40; k++) {
          const at = offset + Math.min(len - 1, Math.floor((k * len) / 39));
          const bytes = Buffer.from(text, 'utf8');
          bytes[at] = (bytes[at] as number) ^ mask;
          const r = verify(bytes);
          expect(r.intact, `byte ${at} of line ${n} ^${mask}`).toBe(false);
          if (!r.intact) expect(r.firstBadEvent, `byte ${at} (line ${n}): ${r.message}`).toBe(n);
        }
        offset += len;
      }
    }
  });

  it('flipping every byte of one whole event is detected', () => {
    const start = lines[0]!.length + 1 + lines[1]!.length + 1; // event 3
    for (let at = start; at < start + lines[2]!.length + 1; at++) {
      const bytes = Buffer.from(text, 'utf8');
      bytes[at] = (bytes[at] as number) ^ 0x20;
      const r = verify(bytes);
      expect(r.intact).toBe(false);
      if (!r.intact) expect(r.firstBadEvent).toBe(3);
    }
  });

  it('deleting any event is reported as deleted at its position', () => {
    for (let n = 1; n <= lines.length; n++) {
      const r = verify(join(lines.filter((_, i) => i !== n - 1)));
      expect(r, `delete ${n}`).toMatchObject({ intact: false, firstBadEvent: n, problem: 'deleted' });
    }
  });

  it('without a recorded head, deleting the last event leaves a valid but unclosed chain', () => {
    const r = verifyTranscript(join(lines.slice(0, -1)), { trustedKeys: keys.map((k) => k.publicKey) });
    expect(r).toMatchObject({ intact: true, complete: false, events: lines.length - 1 });
  });

  it('duplicating any event is reported as inserted right after it', () => {
    for (let n = 1; n <= lines.length; n++) {
      const copy = [...lines];
      copy.splice(n, 0, lines[n - 1] as string);
      const r = verify(join(copy));
      expect(r, `duplicate ${n}`).toMatchObject({ intact: false, firstBadEvent: n + 1, problem: 'inserted' });
    }
  });

  it('inserting a forged line at any position is reported as inserted there', () => {
    const forged = lines[2]!.replace('"PendingImport"', '"Enabled"');
    expect(forged).not.toBe(lines[2]);
    for (let n = 1; n <= lines.length + 1; n++) {
      const copy = [...lines];
      copy.splice(n - 1, 0, forged);
      const r = verify(join(copy));
      expect(r.intact, `insert at ${n}`).toBe(false);
      if (!r.intact) {
        expect(r.firstBadEvent).toBe(n);
        if (n <= lines.length) expect(r.problem).toBe('inserted');
      }
    }
  });

  it('swapping any two neighbouring events is reported as reordered', () => {
    for (let n = 1; n < lines.length; n++) {
      const copy = [...lines];
      [copy[n - 1], copy[n]] = [copy[n] as string, copy[n - 1] as string];
      const r = verify(join(copy));
      expect(r, `swap ${n}/${n + 1}`).toMatchObject({
        intact: false,
        firstBadEvent: n,
        problem: 'reordered',
      });
    }
  });

  it('moving the last event to the front is reported as reordered at event 1', () => {
    const r = verify(join([lines[lines.length - 1] as string, ...lines.slice(0, -1)]));
    expect(r).toMatchObject({ intact: false, firstBadEvent: 1, problem: 'reordered' });
  });

  it('a line re-serialised with whitespace (same data) is reported as modified', () => {
    const copy = [...lines];
    copy[5] = JSON.stringify(JSON.parse(lines[5] as string), null, 0).replace('{', '{ ');
    expect(verify(join(copy))).toMatchObject({ intact: false, firstBadEvent: 6, problem: 'modified' });
  });

  it('tampering inside the embedded offline segment is reported at the carrying event', () => {
    const carrier = JSON.parse(lines[7] as string) as { segment: { lines: string[] } };
    const before = carrier.segment.lines[4];
    carrier.segment.lines[4] = before!.replace('A1B2C3', 'A1B2C4');
    expect(carrier.segment.lines[4]).not.toBe(before);
    const copy = [...lines];
    copy[7] = JSON.stringify(carrier);
    const r = verify(join(copy));
    expect(r).toMatchObject({ intact: false, firstBadEvent: 8 });
  });

  it('refuses events signed by a key that is not trusted', () => {
    const r = verifyTranscript(text, { trustedKeys: [keys[1]!.publicKey] });
    expect(r).toMatchObject({ intact: false, firstBadEvent: 1, problem: 'untrusted-key' });
  });

  it('trusting only the online key rejects the offline segment, naming it', () => {
    const r = verifyTranscript(text, { trustedKeys: [keys[0]!.publicKey] });
    expect(r).toMatchObject({ intact: false, firstBadEvent: 8, problem: 'segment' });
    if (!r.intact) expect(r.message).toMatch(/offline segment/);
  });

  it('without trusted keys, uses the key published in event 1 and says it was not pinned', () => {
    expect(verifyTranscript(text)).toMatchObject({ intact: true, trusted: false, events: 11 });
  });

  it('a recorded head with a different hash than the last event is reported', () => {
    const r = verifyTranscript(text, { expectedHead: { events: head.events, headHash: 'f'.repeat(64) } });
    expect(r).toMatchObject({ intact: false, firstBadEvent: head.events, problem: 'modified' });
  });

  it('a torn last line is reported as torn with the intact count, for every cut point of the last line', () => {
    const body = join(lines.slice(0, -1));
    const last = `${lines[lines.length - 1]}\n`;
    for (const cut of [1, 10, Math.floor(last.length / 2), last.length - 1]) {
      const r = verify(body + last.slice(0, cut));
      expect(r).toMatchObject({
        intact: false,
        problem: 'torn',
        firstBadEvent: lines.length,
        intactEvents: lines.length - 1,
      });
      if (!r.intact) expect(r.message).toMatch(/torn: \d+ bytes with no line end/);
    }
  });

  it('reports an empty file as such', () => {
    expect(verifyTranscript('')).toMatchObject({ intact: false, problem: 'empty' });
  });
});

describe('less obvious tampering', () => {
  it('refuses a non-canonical spelling of a valid signature (base64 spare bits)', () => {
    const event = JSON.parse(lines[2] as string) as { sig: string };
    const last = event.sig.at(-3) as string; // the character before "=="
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twin = alphabet[alphabet.indexOf(last) ^ 1] as string; // differs only in a padding bit
    expect(
      Buffer.from(event.sig.slice(0, -3) + twin + '==', 'base64').equals(Buffer.from(event.sig, 'base64')),
    ).toBe(true);
    const copy = [...lines];
    copy[2] = (lines[2] as string).replace(event.sig, event.sig.slice(0, -3) + twin + '==');
    expect(verify(join(copy))).toMatchObject({ intact: false, firstBadEvent: 3, problem: 'modified' });
  });

  it('without trusted keys, a deleted event 1 is reported as deleted, not as bad signatures', () => {
    const r = verifyTranscript(join(lines.slice(1)));
    expect(r).toMatchObject({ intact: false, firstBadEvent: 1, problem: 'deleted' });
  });
});
