import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryCommand } from '../../../../electron/cli/commands/expiry';
import { loadOrCreateStationKey } from '../../../../electron/core/transcript/station-key';
import { openTranscript, transcriptPath } from '../../../../electron/core/transcript/writer';
import {
  createExternalKey,
  daysAhead,
  importMaterial,
  startHarness,
  type Harness,
} from '../../core/emulator/helpers';

/** `kms-ceremony expiry` against the emulator: formats, --out, the station's backup records, usage errors. */
let h: Harness;
let work: string;
const arns: string[] = [];

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await expiryCommand.run(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  h = await startHarness();
  work = mkdtempSync(path.join(tmpdir(), 'kms-expiry-cli-'));
  for (const [region, days] of [
    ['us-east-1', 5],
    ['eu-west-1', 40],
    ['ap-southeast-2', 200],
  ] as const) {
    const key = await createExternalKey(h.client(region));
    await importMaterial(h.client(region), key.KeyId!, randomBytes(32), {
      validTo: daysAhead(h.emulator, days),
    });
    arns.push(key.Arn!);
  }
  // This station's transcript records a backup of the eu-west-1 key (the custody issue's event shape).
  const dataDir = path.join(work, 'station');
  const stationKey = await loadOrCreateStationKey(path.join(dataDir, 'station-key'));
  const ceremonyId = '20261130T040000Z-expiry';
  const transcript = await openTranscript(
    transcriptPath(path.join(dataDir, 'transcripts'), ceremonyId, 'online'),
    {
      station: 'online',
      ceremonyId,
      stationKey,
      operator: 'Olga Operator',
      witnesses: ['Wim Witness'],
    },
  );
  await transcript.append({
    action: 'backup.made',
    keyArn: arns[1]!,
    details: { backupId: 'B1', threshold: 2, total: 3 },
  });
  await transcript.close();
});
afterAll(async () => {
  await h.close();
  rmSync(work, { recursive: true, force: true });
});

const base = () => [
  '--emulator',
  h.emulator.endpoint,
  '--regions',
  'us-east-1,eu-west-1',
  '--regions',
  'ap-southeast-2',
];

describe('kms-ceremony expiry', () => {
  it('prints a table soonest first with warnings and the backup column from --data-dir', async () => {
    const { code, stdout } = await cli([...base(), '--data-dir', path.join(work, 'station')]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^DAYS\s+VALID TO \(UTC\)\s+WARNING/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['4', '39', '199']);
    expect(lines[1]).toContain('EXPIRES WITHIN 7 DAYS');
    expect(lines[1]).toContain(arns[0]);
    expect(lines[2]).toMatch(/expires within 90 days.*recorded/);
    expect(lines[3]).toMatch(/\snone\s/);
  });

  it('writes an .ics with --out that a calendar parser reads back', async () => {
    const file = path.join(work, 'expiry.ics');
    const { code, stdout } = await cli([...base(), '--format', 'ics', '--out', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote 3 key material(s) from 3 Region(s) to ${file}.`);
    const events = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getAllSubcomponents('vevent');
    expect(events.map((e) => new ICAL.Event(e).summary)).toEqual(
      ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((r, i) =>
        expect.stringMatching(new RegExp(`^KMS key material expires: ${arns[i]!.split('/')[1]} \\(${r}\\)$`)),
      ),
    );
  });

  it('--out never overwrites a file and names a folder that does not exist, instead of calling it a bug', async () => {
    const file = path.join(work, 'kept.csv');
    writeFileSync(file, 'the officers’ earlier export');
    await expect(cli([...base(), '--format', 'csv', '--out', file])).rejects.toMatchObject({
      code: 'FILE_EXISTS',
    });
    expect(readFileSync(file, 'utf8')).toBe('the officers’ earlier export');
    await expect(
      cli([...base(), '--format', 'csv', '--out', path.join(work, 'no-such-folder', 'x.csv')]),
    ).rejects.toMatchObject({
      code: 'CANNOT_WRITE',
      message: expect.stringContaining('its folder does not exist'),
    });
    await expect(cli([...base(), '--format', 'csv', '--out', work])).rejects.toMatchObject({
      code: expect.stringMatching(/^(CANNOT_WRITE|FILE_EXISTS)$/),
    });
  });

  it('prints CSV and JSON', async () => {
    const csv = await cli([...base(), '--format', 'csv']);
    expect(csv.stdout.split('\r\n')).toHaveLength(4);
    const json = JSON.parse((await cli([...base(), '--format', 'json'])).stdout) as {
      entries: { keyArn: string }[];
    };
    expect(json.entries.map((e) => e.keyArn)).toEqual(arns);
  });

  it('refuses a bad Region name, an unknown format, and --emulator with --profile (exit 2: USAGE)', async () => {
    await expect(cli(['--emulator', h.emulator.endpoint, '--regions', 'eu-west'])).rejects.toMatchObject({
      code: 'USAGE',
      message: '"eu-west" is not a Region name.',
    });
    await expect(cli([...base(), '--format', 'pdf'])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(cli([...base(), '--profile', 'ops'])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(cli(['--emulator', h.emulator.endpoint])).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('a Region that cannot be reached is reported (in the table, or on stderr beside JSON), exit 1', async () => {
    const { code, stdout, stderr } = await cli([
      '--emulator',
      'http://127.0.0.1:9',
      '--regions',
      'us-east-1',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('(no Region could be listed: nothing is known about its keys)');
    expect(stdout).not.toContain('no EXTERNAL keys found');
    expect(stdout).toMatch(/^NOT LISTED: us-east-1: Could not reach KMS/m);
    expect(stderr).toBe('');
    const json = await cli([
      '--emulator',
      'http://127.0.0.1:9',
      '--regions',
      'us-east-1',
      '--format',
      'json',
    ]);
    expect(json.stderr).toMatch(/^Not listed: us-east-1: Could not reach KMS/);
  });
});
