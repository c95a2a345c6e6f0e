import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCeremonyRecord,
  renderRecordHtml,
  renderRecordPdf,
  type CeremonyRecord,
} from '../../../../electron/core/record';
import { tempDir } from '../transcript/fixtures';
import { loadOrCreateStationKey, openTranscript, transcriptPath } from '../../../../electron/core/transcript';
import { ARN, regeneratedCeremony, UNICODE_WITNESSES } from './fixtures';

let poppler = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  poppler = false;
  console.log(
    'record-content.test: pdftotext missing (apt-get install -y poppler-utils): PDF read-back skipped',
  );
}

let rehearsal: CeremonyRecord;
let aws: CeremonyRecord;
beforeAll(async () => {
  const r = await regeneratedCeremony('emulator');
  rehearsal = buildCeremonyRecord(r.text, {
    trustedKeys: [r.key.publicKey],
    generatedAt: new Date('2026-11-30T01:00:00Z'),
  });
  const a = await regeneratedCeremony('aws');
  aws = buildCeremonyRecord(a.text, { trustedKeys: [a.key.publicKey] });
});

const rendered = new Map<CeremonyRecord, Promise<string>>();

/** Each page's text, read back by poppler (each record rendered once); `layout` keeps the grid's columns. */
async function pdfPages(record: CeremonyRecord, layout = false): Promise<string[]> {
  if (!rendered.has(record)) rendered.set(record, renderFile(record));
  const file = await rendered.get(record)!;
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', [
      ...(layout ? ['-layout'] : []),
      '-f',
      String(i + 1),
      '-l',
      String(i + 1),
      file,
      '-',
    ]).toString(),
  );
}

async function renderFile(record: CeremonyRecord): Promise<string> {
  const file = path.join(tempDir('kms-record-'), 'record.pdf');
  await fs.writeFile(file, await renderRecordPdf(record));
  return file;
}

const RAW_DUMPS = [/notes: \[\]/, /justification/i, /\bnull\b/, /\[\]/, /\{\}/, /"\w+":/];

describe('record summary and transcript state', () => {
  it('says what was imported where, for a rehearsal, and the closed transcript with its head', () => {
    expect(rehearsal.transcript).toEqual({
      ceremonyId: '20261130T005617Z-2f946d',
      eventCount: 12,
      headHash: rehearsal.verification.headHash,
      closed: true,
    });
    expect(rehearsal.summary).toMatchObject({
      target: 'emulator',
      rehearsal: true,
      keyArn: ARN,
      alias: 'alias/payments',
      region: 'us-east-1',
      account: '111122223333',
      checkValue: { kind: 'AES-CMAC', value: 'FE4608' },
      imported: { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: '2027-02-28T00:56:18.958Z' },
      proof: { passed: true, method: 'KMS Encrypt then Decrypt round trip' },
    });
    expect(aws.summary).toMatchObject({ target: 'aws', rehearsal: false });
  });

  it('marks the check value KMS holds as imported and the regenerated-away one as replaced', () => {
    expect(rehearsal.checkValues.map((c) => [c.value, c.status])).toEqual([
      ['0A0B0C', 'replaced'],
      ['FE4608', 'imported'],
    ]);
  });

  it('counts a value loaded again from its latest event: A, B, A again, import → A imported, B replaced', async () => {
    const dir = tempDir('kms-record-');
    const stationKey = await loadOrCreateStationKey(path.join(dir, 'key'));
    const file = transcriptPath(dir, '20261130T000000Z-aaaaaa', 'online');
    const t = await openTranscript(file, {
      station: 'online',
      ceremonyId: '20261130T000000Z-aaaaaa',
      stationKey,
      operator: 'Ada Officer',
      witnesses: ['Wes Witness'],
    });
    for (const [action, checkValue] of [
      ['material.generated', 'AAAAAA'],
      ['material.generated', 'BBBBBB'],
      ['material.loaded', 'AAAAAA'],
    ] as const)
      await t.append({ action, details: { checkValue, checkValueKind: 'AES-CMAC' } });
    await t.append({
      action: 'material.imported',
      details: { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' },
    });
    await t.close();
    const record = buildCeremonyRecord(await fs.readFile(file, 'utf8'));
    expect(record.checkValues.map((c) => [c.value, c.status])).toEqual([
      ['AAAAAA', 'imported'],
      ['BBBBBB', 'replaced'],
    ]);
  });

  it('marks the latest check value "not imported" when no import followed', async () => {
    const r = await regeneratedCeremony();
    const cut = r.text
      .split('\n')
      .filter(
        (l) =>
          l &&
          !l.includes('"material.imported"') &&
          !l.includes('"import.verified"') &&
          !l.includes('"ceremony.completed"'),
      );
    // Dropping lines breaks the chain; the statuses read only the events that remain.
    const record = buildCeremonyRecord(cut.join('\n') + '\n');
    expect(record.checkValues.map((c) => c.status)).toEqual(['replaced', 'not imported']);
    expect(record.summary.imported).toBeNull();
  });
});

describe('HTML record content', () => {
  it('starts with the summary, marks REHEARSAL and shows no raw field dumps', () => {
    const html = renderRecordHtml(rehearsal);
    expect(html.indexOf('Summary')).toBeLessThan(html.indexOf('Steps'));
    expect(html).toContain('REHEARSAL — local emulator, not AWS KMS');
    for (const raw of RAW_DUMPS) expect(html.replace(/<[^>]+>/g, '')).not.toMatch(raw);
    expect(html).toContain('AES-CMAC KCV 0A0B0C — online #7 material.generated');
    expect(html).toContain('replaced before import');
    expect(html).toContain('imported (KMS holds this material)');
    for (const name of UNICODE_WITNESSES) expect(html).toContain(name);
    expect(renderRecordHtml(aws)).not.toContain('REHEARSAL');
  });
});

describe.skipIf(!poppler)('PDF record content (read back with pdftotext)', () => {
  it('prints Latin, Cyrillic, Greek and CJK names as typed', async () => {
    const text = (await pdfPages(rehearsal)).join('\n');
    for (const name of UNICODE_WITNESSES) expect(text).toContain(name);
    expect(text).toContain('Fingerprint confirmed by');
    expect(text).toContain('Łukasz Dvořák (online station)');
  });

  it('says REHEARSAL on every page of an emulator ceremony, and nowhere for AWS', async () => {
    const pages = await pdfPages(rehearsal);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) =>
      expect(page, `page ${i + 1}`).toContain('REHEARSAL — local emulator, not AWS KMS'),
    );
    expect((await pdfPages(aws)).join('\n')).not.toContain('REHEARSAL');
  });

  it('starts with the summary and has no raw field dumps', async () => {
    const pages = await pdfPages(rehearsal);
    const text = pages.join('\n');
    expect(pages[0]).toContain('Summary');
    expect(text.indexOf('Summary')).toBeLessThan(text.indexOf('Steps'));
    for (const raw of RAW_DUMPS) expect(text).not.toMatch(raw);
    expect(text).toContain('Expiration model');
    expect(text).toContain('KEY_MATERIAL_EXPIRES');
  });

  it('marks superseded check values as replaced and shows the transcript head, count and closed state', async () => {
    const text = (await pdfPages(rehearsal)).join('\n').replace(/\s+/g, ' ');
    expect(text).toMatch(/replaced before import AES-CMAC KCV 0A0B0C/);
    expect(text).toMatch(/imported \(KMS holds this material\) AES-CMAC KCV FE4608/);
    expect(text).toContain('closed; 12 events');
    const head = rehearsal.transcript.headHash!.toUpperCase().match(/.{4}/g)!;
    expect(text).toContain(`SHA-256 ${head.slice(0, 8).join(' ')}`);
  });

  it('shows the wrapping key fingerprint with its PGP words numbered 1–32', async () => {
    const text = (await pdfPages(rehearsal, true)).join('\n');
    expect(text).toContain('SHA-256 3860 250A 4D22 1F4F 16D4 0424 B27F 3DAD');
    const fp = rehearsal.fingerprints.find((f) => f.words)!;
    for (const n of [1, 16, 32]) expect(text).toMatch(new RegExp(`\\b${n}\\s+${fp.words![n - 1]}\\b`));
  });
});
