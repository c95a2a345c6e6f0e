import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/main';
import { buildCeremonyRecord } from '../../../../electron/core/record';
import { realisticCeremony, tempDir } from '../../core/transcript/fixtures';

let ceremony: Awaited<ReturnType<typeof realisticCeremony>>;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Both station keys, as an auditor passes them. */
const pinned = () => [
  '--public-key',
  ceremony.online.publicKeyPath,
  '--public-key',
  ceremony.offline.publicKeyPath,
];

beforeAll(async () => {
  ceremony = await realisticCeremony();
});

describe('kms-ceremony verify-transcript', () => {
  it('reports "intact: N events" with both station keys pinned, and the merged segment', async () => {
    const r = await run(['verify-transcript', ceremony.file, ...pinned()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^intact: 11 events$/m);
    expect(r.stdout).toMatch(/merged offline segment in event 8: intact: 7 events/);
    expect(r.stdout).toMatch(/ceremony closed/);
    expect(r.stdout).not.toMatch(/warning/);
  });

  it('warns when no key is pinned', async () => {
    const r = await run(['verify-transcript', ceremony.file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: no --public-key given/);
  });

  it('names the first bad event and exits 1', async () => {
    const lines = ceremony.onlineText.split('\n');
    [lines[3], lines[4]] = [lines[4] as string, lines[3] as string];
    const file = path.join(tempDir(), 'swapped.jsonl');
    await fs.writeFile(file, lines.join('\n'));
    const r = await run(['verify-transcript', file, ...pinned()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NOT INTACT: event 4: reordered$/m);
  });

  it('reports a torn last line clearly', async () => {
    const file = path.join(tempDir(), 'torn.jsonl');
    await fs.writeFile(file, ceremony.onlineText.slice(0, -40));
    const r = await run(['verify-transcript', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT INTACT: event 11: torn/);
    expect(r.stdout).toMatch(/Events 1–10 verified/);
  });

  it('prints JSON with --json and detects a cut end with --expect-events', async () => {
    const file = path.join(tempDir(), 'cut.jsonl');
    await fs.writeFile(file, `${ceremony.onlineText.split('\n').slice(0, 9).join('\n')}\n`);
    const r = await run(['verify-transcript', file, '--expect-events', '11', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ intact: false, problem: 'deleted', firstBadEvent: 10 });
  });

  it('usage errors exit 2; a missing file exits 1 with the path', async () => {
    expect((await run(['verify-transcript'])).code).toBe(2);
    expect((await run(['verify-transcript', 'a', 'b'])).code).toBe(2);
    expect((await run(['verify-transcript', 'x', '--expect-events', 'many'])).code).toBe(2);
    const missing = await run(['verify-transcript', '/nonexistent/t.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the transcript \/nonexistent\/t.jsonl/);
  });

  it('runs through the real bin script', async () => {
    const bin = path.resolve('bin/kms-ceremony.cjs');
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'verify-transcript',
      ceremony.file,
      ...pinned(),
    ]);
    expect(stdout).toMatch(/^intact: 11 events$/m);
  });
});

describe('kms-ceremony verify-transcript on a transcript copied through Windows', () => {
  it('verifies the content of a UTF-16/CRLF copy and says what it converted', async () => {
    const file = path.join(tempDir(), 'windows.jsonl');
    const text = ceremony.onlineText.replace(/\n/g, '\r\n');
    await fs.writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await run(['verify-transcript', file, ...pinned()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^note: UTF-16LE/m);
    expect(r.stdout).toMatch(/^note: CRLF line endings converted to LF/m);
    expect(r.stdout).toMatch(/^intact: 11 events$/m);
  });
});

describe('kms-ceremony verify-transcript: a cut tail, an open ceremony, the record', () => {
  const cut = async (keep: number) => {
    const file = path.join(tempDir(), `cut-${keep}.jsonl`);
    await fs.writeFile(file, `${ceremony.onlineText.split('\n').slice(0, keep).join('\n')}\n`);
    return file;
  };
  const recordOf = async (text: string) => {
    const file = path.join(tempDir(), 'record.json');
    const record = buildCeremonyRecord(text, {
      trustedKeys: [ceremony.online.publicKey, ceremony.offline.publicKey],
    });
    await fs.writeFile(file, JSON.stringify(record, null, 2));
    return { file, record };
  };

  it('the record JSON carries the transcript head: ceremony id, event count, head hash, closed', async () => {
    const { record } = await recordOf(ceremony.onlineText);
    const last = ceremony.onlineText.split('\n').at(-2)!;
    expect(record.transcript).toEqual({
      ceremonyId: '20261128T090000Z-abc123',
      eventCount: 11,
      headHash: createHash('sha256').update(last).digest('hex'),
      closed: true,
    });
  });

  it('without --record, a cut tail (the closing event removed) exits 1: not closed', async () => {
    const r = await run(['verify-transcript', await cut(10), ...pinned()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^intact: 10 events$/m);
    expect(r.stdout).toMatch(/^NOT CLOSED: .*--allow-open/m);
  });

  it('--allow-open accepts an open ceremony, and says so', async () => {
    const r = await run(['verify-transcript', await cut(10), ...pinned(), '--allow-open']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^accepted as open \(--allow-open\): the ceremony is not closed$/m);
  });

  it('with --record, a cut tail is caught without knowing N, even with --allow-open', async () => {
    const { file: record } = await recordOf(ceremony.onlineText);
    for (const keep of [10, 9, 3]) {
      const r = await run([
        'verify-transcript',
        await cut(keep),
        ...pinned(),
        '--record',
        record,
        '--allow-open',
      ]);
      expect(r.code, `keep ${keep}`).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^NOT INTACT: event ${keep + 1}: deleted$`, 'm'));
      expect(r.stdout).toMatch(/its recorded head is event 11/);
    }
  });

  it('with --record, the whole transcript matches its record and exits 0', async () => {
    const { file: record } = await recordOf(ceremony.onlineText);
    const r = await run(['verify-transcript', ceremony.file, ...pinned(), '--record', record]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^matches the record: head event 11, [0-9a-f]{64}$/m);
    const json = await run(['verify-transcript', ceremony.file, '--record', record, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: true, verdict: { ok: true } });
  });

  it('a record whose head hash was changed does not vouch for the transcript', async () => {
    const { file, record } = await recordOf(ceremony.onlineText);
    await fs.writeFile(
      file,
      JSON.stringify({ ...record, transcript: { ...record.transcript, headHash: 'f'.repeat(64) } }),
    );
    const r = await run(['verify-transcript', ceremony.file, ...pinned(), '--record', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NOT INTACT: event 11: modified$/m);
  });

  it('a record made before the close covers its events; later events are named', async () => {
    const { file: record } = await recordOf(`${ceremony.onlineText.split('\n').slice(0, 9).join('\n')}\n`);
    const r = await run(['verify-transcript', ceremony.file, ...pinned(), '--record', record]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/the record covers events 1–9 .*; events 10–11 came after it/);
  });

  it('a record of another ceremony, or not a record, is refused', async () => {
    const { file, record } = await recordOf(ceremony.onlineText);
    await fs.writeFile(
      file,
      JSON.stringify({ ...record, transcript: { ...record.transcript, ceremonyId: 'other' } }),
    );
    const other = await run(['verify-transcript', ceremony.file, '--record', file]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/NOT THE RECORDED CEREMONY/);
    await fs.writeFile(file, '{"format":"kms-ceremony/record"}');
    const old = await run(['verify-transcript', ceremony.file, '--record', file]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/is not a ceremony record with a transcript head \(transcript:/);
  });
});
