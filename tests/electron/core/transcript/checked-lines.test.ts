/**
 * CheckedLines (electron/core/transcript/checked-lines.ts): keeps the lines found good, by their exact text,
 * and gives a verdict back only for that text and a key it was checked with. That reused verdicts never
 * hide tampering is tested with every tampering in tampering.test.ts.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CheckedLines,
  loadOrCreateStationKey,
  verifyTranscript,
  type StationKey,
} from '../../../../electron/core/transcript';
import { realisticCeremony, tempDir } from './fixtures';

let text: string;
let lines: string[];
let online: StationKey;
let offline: StationKey;
let stranger: StationKey;

beforeAll(async () => {
  const c = await realisticCeremony();
  text = c.onlineText;
  lines = text.split('\n').slice(0, -1);
  online = c.online;
  offline = c.offline;
  stranger = await loadOrCreateStationKey(path.join(tempDir(), 'stranger-key'));
});

const keysOf = (...ks: StationKey[]) => new Map(ks.map((k) => [k.keyId, k.publicKey]));

describe('CheckedLines', () => {
  it('keeps every good line of a transcript once, and gives its event back for the key it names', () => {
    const checked = new CheckedLines();
    checked.add(text, online);
    expect(checked.size).toBe(lines.length);
    checked.add(Buffer.from(text, 'utf8'), online); // the same lines again (bytes): nothing new
    expect(checked.size).toBe(lines.length);
    const event = checked.get(lines[2]!, keysOf(online));
    expect(event).toMatchObject({ seq: 3, stationKeyId: online.keyId });
    expect(checked.get(lines[2]!, keysOf(offline, stranger))).toBeUndefined();
  });

  it('reads a growing transcript on from where it stopped, a torn last line included once complete', () => {
    const checked = new CheckedLines();
    const bytes = Buffer.from(text, 'utf8');
    const ends = [...bytes.keys()].filter((i) => bytes[i] === 0x0a).map((i) => i + 1);
    checked.add(bytes.subarray(0, ends[2]! + 20), online); // three lines and the start of the fourth
    expect(checked.size).toBe(3);
    checked.add(bytes.subarray(0, ends[5]), online);
    expect(checked.size).toBe(6);
    expect(checked.get(lines[3]!, keysOf(online))).toMatchObject({ seq: 4 });
    // A line changed behind where it read (same length) is not vouched for: the final check looks lines up
    // by their text, and checks this one in full.
    const changed = `${lines[1]!.slice(0, -10)}${lines[1]!.at(-10) === 'A' ? 'B' : 'A'}${lines[1]!.slice(-9)}`;
    checked.add(Buffer.from(text.replace(lines[1]!, changed), 'utf8'), online);
    expect(checked.size).toBe(lines.length);
    expect(checked.get(changed, keysOf(online))).toBeUndefined();
  });

  it('keeps nothing checked against another key, nor a changed, torn or non-UTF-8 line', () => {
    const wrongKey = new CheckedLines();
    wrongKey.add(text, stranger);
    expect(wrongKey.size).toBe(0);

    const changed = lines[3]!.replace('"seq":4', '"seq":5');
    expect(changed).not.toBe(lines[3]);
    const torn = lines[4]!.slice(0, 50);
    const nonUtf8 = Buffer.concat([
      Buffer.from(`${lines[5]!.slice(0, 10)}`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    const checked = new CheckedLines();
    checked.add(
      Buffer.concat([Buffer.from(`${lines[0]}\n${changed}\n`), nonUtf8, Buffer.from(torn)]),
      online,
    );
    expect(checked.size).toBe(1);
    expect(checked.get(lines[0]!, keysOf(online))).toBeDefined();
    expect(checked.get(changed, keysOf(online))).toBeUndefined();
    expect(checked.get(torn, keysOf(online))).toBeUndefined();
  });

  it('a transcript verified with its lines already checked gets the same answer as one checked from scratch', () => {
    const checked = new CheckedLines();
    checked.add(lines.slice(0, 6).join('\n') + '\n', online); // as a run checks the lines written so far
    const options = { trustedKeys: [online.publicKey, offline.publicKey] };
    const fresh = verifyTranscript(text, options);
    expect(fresh).toMatchObject({ intact: true, events: lines.length });
    expect(verifyTranscript(text, { ...options, checkedLines: checked })).toEqual(fresh);
    // Pinned to another key only: the kept verdicts do not vouch for lines that key did not sign.
    const pinnedElsewhere = { trustedKeys: [stranger.publicKey] };
    expect(verifyTranscript(text, { ...pinnedElsewhere, checkedLines: checked })).toEqual(
      verifyTranscript(text, pinnedElsewhere),
    );
  });
});
