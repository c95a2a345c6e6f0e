import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyMaterial, Secret } from '../../../../electron/core/crypto';
import { splitMaterial } from '../../../../electron/core/custody/backup';
import { parseShareText, renderShareText } from '../../../../electron/core/custody/share-text';
import { renderShareSheetPdf, shareQrSymbol } from '../../../../electron/core/custody/share-sheet-pdf';

const poppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!poppler)
  console.log(
    'share-sheet-pdf.test: pdftotext/pdftoppm missing (apt-get install -y poppler-utils): PDF checks skipped',
  );

const dir = mkdtempSync(join(tmpdir(), 'kms-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Share of dark pixels inside the sheet's QR box (top right, 170 pt square at 50 pt from the edges). */
function qrInk(pdf: string): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '36', '-f', '1', '-l', '1', pdf]);
  const [, w, h] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 30))!.map(Number) as [
    string,
    number,
    number,
  ];
  const pixels = pgm.subarray(pgm.length - w * h);
  const scale = 36 / 72;
  let dark = 0;
  let all = 0;
  for (let y = Math.ceil(60 * scale); y < 210 * scale; y++) {
    for (let x = Math.ceil((595 - 50 - 160) * scale); x < (595 - 60) * scale; x++) {
      all++;
      if (pixels[y * w + x]! < 128) dark++;
    }
  }
  return dark / all;
}

describe('share sheet PDF', async () => {
  const material = await generateKeyMaterial('SYMMETRIC_DEFAULT');
  const backup = await splitMaterial({
    keySpec: 'SYMMETRIC_DEFAULT',
    material,
    key: KEY,
    ceremonyId: 'cer-2027-01-14',
    threshold: 3,
    total: 5,
  });
  const share = backup.shares[1]!;

  it.skipIf(!poppler)(
    'prints the header, the lines and the checksum; its text typed back is the share',
    async () => {
      const file = join(dir, 'sheet.pdf');
      writeFileSync(file, await renderShareSheetPdf(share, { custodian: 'Zoë O’Brien' }));
      const layout = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      for (const text of [
        'cer-2027-01-14',
        'SYMMETRIC_DEFAULT',
        `AES-CMAC ${backup.header.checkValue.value}`,
        'Share 2 of 5',
        '3 (M of N)',
        backup.header.backupId,
        'Received by: Zoë O’Brien',
      ]) {
        expect(layout).toContain(text);
      }
      expect(layout).toContain(`Key: ${KEY}`); // one line, never wrapped
      const typed = execFileSync('pdftotext', ['-raw', file, '-']);
      const parsed = parseShareText(typed, 'the printed sheet');
      expect(parsed.header).toEqual(share.header);
      expect(parsed.bytes.equals(share.bytes)).toBe(true);
      expect(qrInk(file)).toBeGreaterThan(0.3);
    },
  );

  it('its QR code holds exactly the share text', () => {
    const text = renderShareText(share);
    const qr = shareQrSymbol(QRCode, text)!;
    expect(qr.segments).toHaveLength(1);
    expect(Buffer.from(qr.segments[0]!.data as unknown as Uint8Array).equals(text)).toBe(true);
    expect(parseShareText(text, 'qr').bytes.equals(share.bytes)).toBe(true);
  });

  it.skipIf(!poppler)(
    'a share too long for one QR code is printed as lines only, over several pages',
    async () => {
      // An RSA-4096 PKCS#8 key is about 2,375 bytes; the sheet only needs a share of that size.
      const big = {
        header: { ...share.header, keySpec: 'RSA_4096' as const, shareBytes: 2376 },
        bytes: Secret.random(2376),
      };
      const file = join(dir, 'rsa.pdf');
      writeFileSync(file, await renderShareSheetPdf(big));
      expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toContain(
        'This share is too long for a QR code',
      );
      expect(qrInk(file)).toBeLessThan(0.05);
      const parsed = parseShareText(execFileSync('pdftotext', ['-raw', file, '-']), 'the printed sheet');
      expect(parsed.bytes.equals(big.bytes)).toBe(true);
    },
  );
});
