import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyTranscriptFile } from '../../../../electron/core/ceremony/audit';
import {
  loadOrCreateStationKey,
  openTranscript,
  readTranscript,
  transcriptPath,
  verifyTranscript,
  type StationKey,
} from '../../../../electron/core/transcript';
import { tempDir } from './fixtures';

/** Verification covers the file's bytes: nothing a lenient UTF-8 decoder would paper over verifies. */
let key: StationKey;
let file: string;
let bytes: Buffer;
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]); // U+FFFD in UTF-8

beforeAll(async () => {
  const dir = tempDir();
  key = await loadOrCreateStationKey(path.join(dir, 'key'));
  file = transcriptPath(dir, '20261130T010000Z-utf8', 'online');
  const t = await openTranscript(file, {
    station: 'online',
    ceremonyId: '20261130T010000Z-utf8',
    stationKey: key,
    operator: 'Zoë Operator',
    witnesses: ['Wendy Witness'],
  });
  await t.append({ action: 'bundle.read', result: 'info', details: { label: 'damaged label \uFFFD' } });
  await t.append({ action: 'ceremony.completed', details: {} });
  await t.close();
  bytes = await fs.readFile(file);
});

/** The signed event 2 with its U+FFFD (EF BF BD) replaced by the single byte FF. */
function ffVariant(): Buffer {
  const at = bytes.indexOf(REPLACEMENT);
  expect(at).toBeGreaterThan(0);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 3)]);
}

describe('byte-exact transcript verification', () => {
  it('the untouched file is intact', () => {
    expect(verifyTranscript(bytes, { trustedKeys: [key.publicKey] })).toMatchObject({
      intact: true,
      events: 3,
      complete: true,
    });
  });

  it('U+FFFD replaced by the byte FF: a different file, reported as a modified event 2 naming the bytes', () => {
    const tampered = ffVariant();
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(tampered)).not.toBe(sha(bytes));
    // What a lenient decoder makes of it: the original text, hence the old "intact".
    expect(tampered.toString('utf8')).toBe(bytes.toString('utf8'));
    const r = verifyTranscript(tampered, { trustedKeys: [key.publicKey] });
    expect(r).toMatchObject({ intact: false, firstBadEvent: 2, problem: 'modified', intactEvents: 1 });
    if (!r.intact)
      expect(r.message).toMatch(/^Event 2: its bytes are not valid UTF-8 \(FF 22 7D at byte \d+/);
  });

  it('the viewer shows the damaged line without an event, and the in-app check says not intact', async () => {
    const tampered = ffVariant();
    const read = readTranscript(tampered);
    expect(read.lines.map((l) => Boolean(l.event))).toEqual([true, false, true]);
    const copy = path.join(tempDir(), 'ff.jsonl');
    await fs.writeFile(copy, tampered);
    const view = await verifyTranscriptFile(copy, [key.publicKeyPath]);
    expect(view.verification).toMatchObject({ intact: false });
    expect(view.verification.message).toMatch(/Event 2: its bytes are not valid UTF-8/);
  });

  it('a UTF-8 byte-order mark in front of event 1 is a modification, not silently skipped', () => {
    const r = verifyTranscript(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    expect(r).toMatchObject({ intact: false, firstBadEvent: 1, problem: 'modified' });
  });

  it('an over-long encoding of an ASCII character is invalid UTF-8', () => {
    const at = bytes.indexOf('"Zo');
    const overlong = Buffer.concat([
      bytes.subarray(0, at),
      Buffer.from([0xc0, 0xa2]),
      bytes.subarray(at + 1),
    ]);
    const r = verifyTranscript(overlong);
    expect(r).toMatchObject({ intact: false, firstBadEvent: 1, problem: 'modified' });
    if (!r.intact) expect(r.message).toMatch(/C0 A2/);
  });

  it('text in memory with a lone surrogate is refused too', () => {
    const text = bytes.toString('utf8').replace('\uFFFD', '\uD800');
    expect(verifyTranscript(text)).toMatchObject({ intact: false, firstBadEvent: 2, problem: 'modified' });
  });
});
