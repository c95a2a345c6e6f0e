import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/main';
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
    const bin = path.resolve('bin/kms-ceremony.mjs');
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
