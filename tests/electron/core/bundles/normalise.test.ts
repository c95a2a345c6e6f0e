import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseFile } from '../../../../electron/core/bundles';
import { crlf, powershellOut, rsaPublicKeyDer, sha256, toPem } from './helpers';

describe('normaliseFile: the wrapping public key (DER expected)', () => {
  const der = rsaPublicKeyDer();
  const b64 = der.toString('base64');
  const variants: [string, Buffer, string][] = [
    ['base64 (CLI output)', Buffer.from(`${b64}\n`), 'base64'],
    ['base64 wrapped at 76 with CRLF', crlf(`${b64.match(/.{1,76}/g)!.join('\n')}\n`), 'base64'],
    ['PEM', Buffer.from(toPem(der)), 'pem'],
    ['PEM with CRLF', Buffer.from(toPem(der, '\r\n')), 'pem'],
    ['hex', Buffer.from(der.toString('hex')), 'hex'],
    ['hex with colons', Buffer.from(der.toString('hex').match(/../g)!.join(':')), 'hex'],
    ['base64 saved by PowerShell (UTF-16LE BOM, CRLF)', powershellOut(`${b64}\n`), 'base64'],
    ['PEM saved by PowerShell', powershellOut(toPem(der)), 'pem'],
    ['base64 with a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b64)]), 'base64'],
    ['DER with a trailing newline', Buffer.concat([der, Buffer.from('\n')]), 'der'],
  ];

  it('keeps DER as it is, with no fixes', () => {
    expect(normaliseFile(der, 'der')).toEqual({ bytes: der, formatFound: 'der', fixes: [] });
  });

  it.each(variants)(
    'recovers the DER from %s and reports each fix with sizes and SHA-256',
    (_name, input, format) => {
      const result = normaliseFile(input, { expected: 'der', name: 'WrappingPublicKey.bin' });
      expect(result.bytes.equals(der)).toBe(true);
      expect(result.formatFound).toBe(format);
      expect(result.fixes.length).toBeGreaterThan(0);
      expect(result.fixes[0]!.before).toEqual({ size: input.length, sha256: sha256(input) });
      expect(result.fixes.at(-1)!.after).toEqual({ size: der.length, sha256: sha256(der) });
      for (let i = 1; i < result.fixes.length; i++)
        expect(result.fixes[i]!.before).toEqual(result.fixes[i - 1]!.after);
    },
  );

  it('names the UTF-16 and CRLF fixes in words', () => {
    const whats = normaliseFile(powershellOut(`${b64}\n`), 'der').fixes.map((f) => f.what);
    expect(whats).toEqual([
      expect.stringMatching(/UTF-16LE.*byte-order mark/),
      expect.stringMatching(/CRLF/),
      expect.stringMatching(/base64/),
    ]);
  });

  it('undoes LF → CRLF corruption of binary DER when the DER length proves it', () => {
    // A DER SEQUENCE whose content contains LF bytes, as a text-mode copy would mangle it.
    const content = Buffer.concat([Buffer.from([0x04, 0x20]), Buffer.alloc(32, 0x0a)]);
    const good = Buffer.concat([Buffer.from([0x30, content.length]), content]);
    const mangled = Buffer.from(good.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    const result = normaliseFile(mangled, 'der');
    expect(result.bytes.equals(good)).toBe(true);
    expect(result.fixes[0]!.what).toMatch(/CR bytes inserted by a text-mode transfer/);
  });

  it('refuses something that is not DER with a message that says what it found', () => {
    expect(() =>
      normaliseFile(Buffer.from('hello world'), { expected: 'der', name: 'WrappingPublicKey.bin' }),
    ).toThrow(/WrappingPublicKey.bin is not DER \(11 bytes/);
  });
});

describe('normaliseFile: opaque binary (token, wrapped material)', () => {
  const blob = randomBytes(512);
  const size = {
    expected: 'binary' as const,
    plausibleSize: (n: number) => n === 512,
    sizeHint: 'exactly 512 bytes',
  };

  it('keeps raw bytes of a plausible size untouched', () => {
    expect(normaliseFile(blob, size).fixes).toEqual([]);
  });

  it.each([
    ['base64', Buffer.from(blob.toString('base64'))],
    ['base64 via PowerShell', powershellOut(`${blob.toString('base64')}\n`)],
    [
      'hex with CRLF',
      crlf(
        `${blob
          .toString('hex')
          .match(/.{1,64}/g)!
          .join('\n')}\n`,
      ),
    ],
  ])('decodes %s', (_n, input) => {
    const result = normaliseFile(input, size);
    expect(result.bytes.equals(blob)).toBe(true);
    expect(result.fixes.length).toBeGreaterThan(0);
  });

  it('does not mistake binary that starts with FF FE for UTF-16 text', () => {
    const bin = Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(300)]);
    expect(normaliseFile(bin, 'binary')).toMatchObject({ formatFound: 'binary', fixes: [] });
  });

  it('refuses an implausible size, saying what was expected', () => {
    expect(() => normaliseFile(blob.subarray(0, 500), { ...size, name: 'EncryptedKeyMaterial.bin' })).toThrow(
      'EncryptedKeyMaterial.bin has 500 bytes; expected exactly 512 bytes.',
    );
  });
});

describe('normaliseFile: text (manifests, README, JSON)', () => {
  it('converts UTF-16 with BOM and CRLF to UTF-8 with LF', () => {
    const result = normaliseFile(powershellOut('{\n  "a": "é"\n}\n'), 'text');
    expect(result.bytes.toString('utf8')).toBe('{\n  "a": "é"\n}\n');
    expect(result.fixes.map((f) => f.what)).toEqual([
      expect.stringMatching(/UTF-16LE/),
      'CRLF line endings converted to LF',
    ]);
  });
});
