import { describe, expect, it, vi } from 'vitest';
import { Secret } from '../../../../electron/core/crypto';
import { AppError } from '../../../../electron/core/errors';
import { crc16, lineChecksum } from '../../../../electron/core/custody/line-checksum';
import type { Share } from '../../../../electron/core/custody/share';
import { parseShareText, renderShareText } from '../../../../electron/core/custody/share-text';

const share: Share = {
  header: {
    backupId: '7F3A-92C1-0B4D-E816',
    ceremonyId: 'cer-2027-01-14',
    key: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    keySpec: 'SYMMETRIC_DEFAULT',
    checkValue: { kind: 'AES-CMAC', value: '8A3F1C' },
    index: 2,
    total: 5,
    threshold: 3,
    shareBytes: 33,
  },
  bytes: Secret.copyOf(Buffer.from(Array.from({ length: 33 }, (_, i) => (i * 37 + 11) & 0xff))),
};

function parseError(text: string): AppError {
  try {
    parseShareText(Buffer.from(text), 'the typed sheet').bytes.wipe();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('share text', () => {
  const text = renderShareText(share).toString();
  const lines = text.split('\n');

  it('prints labelled header lines, numbered groups with a checksum each, and a closing checksum', () => {
    expect(lines.slice(0, 8)).toEqual([
      'KMS Key Ceremony key share (format 1)',
      'Backup: 7F3A-92C1-0B4D-E816',
      'Ceremony: cer-2027-01-14',
      `Key: ${share.header.key}`,
      'KeySpec: SYMMETRIC_DEFAULT',
      'Check value: AES-CMAC 8A3F1C',
      'Share: 2 of 5, threshold 3',
      'Length: 33 bytes in 3 lines',
    ]);
    expect(lines[8]).toMatch(/^01 {2}([0-9A-F]{4} ){7}[0-9A-F]{4} {2}\| [0-9A-F]{4}$/);
    expect(lines[10]).toMatch(/^03 {2}[0-9A-F]{2} {2}\| [0-9A-F]{4}$/);
    expect(lines[11]).toMatch(/^Checksum: [0-9A-F]{4}-[0-9A-F]{4}$/);
  });

  it('parses back what it prints, also typed in lower case with CRLF, extra spaces and no bars', () => {
    const typed = text
      .toLowerCase()
      .replace(/kms key ceremony key share/, 'KMS Key Ceremony key share')
      .replace(/ \| /g, '   ')
      .replace(/\n/g, '\r\n');
    for (const input of [text, typed]) {
      const parsed = parseShareText(Buffer.from(input), 'sheet');
      expect(parsed.header).toEqual(share.header);
      expect(parsed.bytes.equals(share.bytes)).toBe(true);
    }
  });

  it('reads the whole sheet copied out of its PDF, whose prose may wrap to start a line with a number', () => {
    // As pdftotext gave it for one sheet: the custody paragraph wrapped before "3 reveal nothing".
    const copied = [
      'KMS Key Ceremony — key share',
      ...lines.slice(0, 11),
      'Any 3 of the 5 shares of backup 7F3A-92C1-0B4D-E816 rebuild the key material; fewer than',
      '3 reveal nothing about it. Keep this sheet sealed in a tamper-evident bag, record the bag number,',
      'share 2 of 5 · backup 7F3A-92C1-0B4D-E816',
      lines[11],
    ].join('\n');
    const parsed = parseShareText(Buffer.from(copied), 'sheet');
    expect(parsed.bytes.equals(share.bytes)).toBe(true);
    parsed.bytes.wipe();
    // A typed data line is still read as one, mistakes and all…
    const extraDigit = text.replace(/^02 {2}(\S{4})/m, '02  $1G');
    expect(parseError(extraDigit).message).toMatch(/line 02: group 1 has 5 digits/);
    // …and one whose typo makes a word ("DEAFG") is named, not reported missing.
    const word = text.replace(/^02 {2}(\S{4})/m, '02  DEAFG');
    const e = parseError(word);
    expect(e.code).toBe('SHARE_LINE');
    expect(e.message).toMatch(/line 02: it holds letters that are not hex digits/);
  });

  it('never makes share data into a string, even a data line typed without its number or with colons', () => {
    const groups = lines[9]!.slice(4, 43); // line 02's eight groups
    const unnumbered = [text.replace(/^02 {2}/m, ''), text.replace(/^02 {2}(.*) \| /m, '  $1 : ')];
    const made: string[] = [];
    const toString = Buffer.prototype.toString;
    const spy = vi.spyOn(Buffer.prototype, 'toString').mockImplementation(function (this: Buffer, ...args) {
      const out = toString.apply(this, args as Parameters<typeof toString>);
      made.push(out);
      return out;
    });
    try {
      for (const typed of unnumbered) expect(parseError(typed).message).toMatch(/line 2 is missing/);
    } finally {
      spy.mockRestore();
    }
    expect(made.length).toBeGreaterThan(0);
    for (const group of groups.split(' ')) expect(made.filter((m) => m.includes(group))).toEqual([]);
  });

  it('uses CRC-16/CCITT-FALSE (catalogue check value 29B1) over the line number and bytes', () => {
    expect(crc16(Buffer.from('123456789')).toString(16)).toBe('29b1');
    expect(lineChecksum(1, Buffer.alloc(0))).toBe(
      crc16(Buffer.from([1]))
        .toString(16)
        .toUpperCase()
        .padStart(4, '0'),
    );
  });

  it('catches every single-character typo in every share line (or the typo changes nothing)', () => {
    const alphabet = '0123456789ABCDEFabcdefGOIlo |:-.,';
    let caught = 0;

    for (const row of [8, 9, 10]) {
      const line = lines[row]!;
      for (let at = 0; at < line.length; at++) {
        for (const c of alphabet) {
          if (c.toUpperCase() === line[at]!.toUpperCase()) continue;
          const typo = [...lines];
          typo[row] = line.slice(0, at) + c + line.slice(at + 1);
          let parsed: Share | undefined;
          try {
            parsed = parseShareText(Buffer.from(typo.join('\n')), 'sheet');
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            caught++;
            continue;
          }
          // Only a separator typed for another separator (or for the line number's leading zero) may pass,
          // and then the share is unchanged.
          expect(' |:'.includes(c)).toBe(true);
          expect(' |:0'.includes(line[at]!)).toBe(true);
          expect(parsed.bytes.equals(share.bytes)).toBe(true);
        }
      }
    }
    expect(caught).toBeGreaterThan(3000);
  });

  it('names the line of a typo and never echoes its digits', () => {
    const typo = [...lines];
    typo[9] = typo[9]!.replace(/^(02 {2}.)(.)/, (_, a: string, b: string) => a + (b === '0' ? '1' : '0'));
    const e = parseError(typo.join('\n'));
    expect(e.message).toBe(
      "share 2 of 5 (the typed sheet), line 02: the digits do not match the line's checksum; a digit is mistyped.",
    );
    expect(e.hint).toBe('Compare line 02 with the sheet and retype it.');
    expect(e.message).not.toMatch(/[0-9A-F]{4} [0-9A-F]{4}/);
  });

  it('refuses a missing line, a line given twice, a wrong closing checksum and a header typo', () => {
    expect(parseError(lines.filter((_, i) => i !== 9).join('\n')).message).toBe(
      'share 2 of 5 (the typed sheet): line 2 is missing (the share has 3 lines).',
    );
    expect(parseError([...lines.slice(0, 10), lines[9], ...lines.slice(10)].join('\n')).message).toBe(
      'share 2 of 5 (the typed sheet): line 02 was entered twice.',
    );
    expect(parseError(text.replace(/Checksum: .*/, 'Checksum: 0000-0000')).code).toBe('SHARE_CHECKSUM');
    expect(parseError(text.replace('Key: arn:aws:kms:eu-west-1', 'Key: arn:aws:kms:eu-west-2')).message).toBe(
      "share 2 of 5 (the typed sheet): every line is correct, but the header does not match the sheet's closing checksum.",
    );
    expect(parseError(text.replace(/Checksum: .*\n/, '')).code).toBe('SHARE_CHECKSUM');
  });

  it('says what is wrong with a text that is not a share or has a broken header', () => {
    expect(parseError('hello').code).toBe('NOT_A_SHARE');
    expect(parseError(text.replace('format 1', 'format 7')).message).toMatch(
      /share format 7 is not one this app reads/,
    );
    expect(parseError(text.replace('Share: 2 of 5, threshold 3', 'Share: two of five')).code).toBe(
      'SHARE_HEADER',
    );
    expect(parseError(text.replace('KeySpec: SYMMETRIC_DEFAULT', 'KeySpec: AES_256')).message).toBe(
      'the typed sheet: "AES_256" is not a KMS key spec.',
    );
    expect(parseError(text.replace(/Length: .*\n/, '')).message).toBe(
      'the typed sheet: the "length" line is missing.',
    );
  });
});
