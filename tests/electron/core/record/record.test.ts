import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCeremonyRecord,
  renderRecordHtml,
  renderRecordPdf,
  writeCeremonyRecord,
  type CeremonyRecord,
} from '../../../../electron/core/record';
import { fingerprintWords } from '../../../../electron/core/fingerprint';
import { realisticCeremony, tempDir } from '../transcript/fixtures';

let ceremony: Awaited<ReturnType<typeof realisticCeremony>>;
let record: CeremonyRecord;

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const poppler = hasTool('pdftotext') && hasTool('pdftoppm');
if (!poppler)
  console.log(
    'record.test: pdftotext/pdftoppm missing (apt-get install -y poppler-utils): PDF rendering checks skipped',
  );

beforeAll(async () => {
  ceremony = await realisticCeremony();
  record = buildCeremonyRecord(ceremony.onlineText, {
    trustedKeys: [ceremony.online.publicKey, ceremony.offline.publicKey],
    generatedAt: new Date('2026-11-28T10:00:00Z'),
  });
});

describe('ceremony record model', () => {
  it('has every step of both stations, the offline ones just before the merge', () => {
    expect(record.verification).toMatchObject({ intact: true, trusted: true, complete: true, events: 11 });
    expect(record.steps).toHaveLength(11 + 7);
    const mergeAt = record.steps.findIndex((s) => s.action === 'transcript.segment-merged');
    expect(record.steps.slice(mergeAt - 7, mergeAt).every((s) => s.station === 'offline')).toBe(true);
    expect(record.stations.map((s) => s.station)).toEqual(['online', 'offline']);
    expect(record.operator).toBe('Alice Operator');
    expect(record.witnesses).toEqual(['Wendy Witness', 'Walter Witness']);
    expect(record.keyArn).toMatch(/^arn:aws:kms:/);
  });

  it('collects fingerprints (PGP words for the wrapping public key), check values and confirmations', () => {
    const pk = record.fingerprints.find((f) => f.field === 'publicKeySha256')!;
    expect(pk.words).toEqual(fingerprintWords(Buffer.from('a'.repeat(64), 'hex')));
    expect(record.fingerprints.find((f) => f.field === 'importTokenSha256')!.words).toBeUndefined();
    expect(record.checkValues).toEqual([
      expect.objectContaining({ field: 'checkValue', value: 'A1B2C3', status: 'imported' }),
    ]);
    expect(record.confirmations).toHaveLength(2);
  });

  it('records a broken transcript as such', () => {
    const broken = buildCeremonyRecord(ceremony.onlineText.replace('PendingImport', 'PendingImporz'));
    expect(broken.verification).toMatchObject({ intact: false, problem: 'modified', firstBadEvent: 3 });
    expect(renderRecordHtml(broken)).toContain('TRANSCRIPT NOT INTACT: event 3 modified');
  });
});

describe('HTML record', () => {
  it('escapes what people typed and shows the fingerprint grid, check values and sign-off lines', () => {
    const html = renderRecordHtml({ ...record, witnesses: ['<script>alert(1)</script>'] });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`SHA-256 ${'AAAA '.repeat(15)}AAAA`);
    expect(html.match(/<li value="\d+">/g)).toHaveLength(32);
    expect(html).toContain('A1B2C3 — offline #5 material.loaded');
    expect(html.match(/class="sign"/g)).toHaveLength(2);
    expect(html).toContain('intact: 11 events');
  });
});

describe('PDF record', () => {
  it.skipIf(!poppler)('is multi-page and poppler reads back its text', async () => {
    const dir = tempDir('kms-record-');
    const file = path.join(dir, 'record.pdf');
    await fs.writeFile(file, await renderRecordPdf(record));
    const info = execFileSync('pdfinfo', [file]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('intact: 11 events');
    expect(text).toContain('Wendy Witness');
    expect(text).toContain(record.fingerprints.find((f) => f.words)!.words![0]);
    expect(text).toContain(`page ${pages} of ${pages}`);
    expect(text).not.toContain('REHEARSAL'); // no kms.connected to the emulator in this transcript
    execFileSync('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
    expect((await fs.readdir(dir)).some((f) => f.endsWith('.png'))).toBe(true);
  });
});

describe('writeCeremonyRecord', () => {
  it('writes json, html and pdf, and refuses to overwrite (leaving nothing half-written)', async () => {
    const dir = tempDir('kms-record-');
    const written = await writeCeremonyRecord(dir, record);
    expect(JSON.parse(await fs.readFile(written.json, 'utf8'))).toEqual(record);
    await expect(writeCeremonyRecord(dir, record)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    const other = tempDir('kms-record-');
    await fs.writeFile(path.join(other, `${record.ceremonyId}-record.pdf`), 'x');
    await expect(writeCeremonyRecord(other, record)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(await fs.readdir(other)).toEqual([`${record.ceremonyId}-record.pdf`]);
  });
});
