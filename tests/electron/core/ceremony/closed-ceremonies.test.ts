/**
 * The end of a ceremony (issue 10 item 6): Finish closes the transcript, and only then is the record made,
 * from the closed transcript — it says closed, and verify-transcript accepts it without --allow-open. A
 * closed ceremony's record can be made again later; an open or unknown one is refused, nothing written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/main';
import {
  exportClosedRecord,
  listClosedCeremonies,
} from '../../../../electron/core/ceremony/closed-ceremonies';
import { AppError } from '../../../../electron/core/errors';
import { exportStationPublicKey, loadOrCreateStationKey } from '../../../../electron/core/transcript';
import { lazyEmulator, type LazyEmulator } from '../../../../electron/main/lazy-emulator';
import { approveAndImport, confirmAndWrap, startedSession } from './helpers';

let dir: string;
let emulator: LazyEmulator;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'closed-ceremonies-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
  return { code, stdout: out.join('\n') };
}

describe('the record of a closed ceremony', () => {
  it('is made only after Finish, says closed, and verifies without --allow-open; it can be made again', async () => {
    const names = { operator: 'Zoë Ångström', witnesses: ['李雷', 'Łukasz Dvořák'] };
    const s = await startedSession(dir, emulator, names);
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: 'finish test',
      alias: null,
      multiRegion: false,
    });
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await s.verify();
    const open = s.ceremony()!;
    const stationKey = await loadOrCreateStationKey(path.join(dir, 'station-key'));
    const transcripts = path.join(dir, 'transcripts');
    const out = path.join(dir, 'records');
    mkdirSync(out);
    const args = {
      dir: transcripts,
      ceremonyId: open.ceremonyId,
      station: 'online' as const,
      folder: out,
      stationKey,
    };

    // Still open: refused, nothing written.
    const refused = await exportClosedRecord(args).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CEREMONY_NOT_CLOSED');
    expect((refused as AppError).hint).toMatch(/Finish the ceremony first/);
    expect(readdirSync(out)).toEqual([]);
    expect((await listClosedCeremonies(transcripts)).map((c) => c.ceremonyId)).not.toContain(open.ceremonyId);

    const closed = await s.finishCeremony('completed', 'imported and verified');
    const listed = (await listClosedCeremonies(transcripts)).find((c) => c.ceremonyId === open.ceremonyId)!;
    expect(listed).toMatchObject({
      outcome: 'completed',
      events: closed.events,
      intact: true,
      operator: 'Zoë Ångström',
    });
    expect(listed.witnesses).toEqual(['李雷', 'Łukasz Dvořák']);

    const { files } = await exportClosedRecord(args);
    const json = files.find((f) => f.endsWith('.json'))!;
    const record = JSON.parse(readFileSync(json, 'utf8')) as {
      transcript: { closed: boolean; eventCount: number; headHash: string };
      witnesses: string[];
      summary: { approvedBy: string[] };
    };
    expect(record.transcript).toMatchObject({
      closed: true,
      eventCount: closed.events,
      headHash: closed.headHash,
    });
    expect(record.witnesses).toEqual(['李雷', 'Łukasz Dvořák']);
    expect(record.summary.approvedBy).toEqual(['李雷', 'Łukasz Dvořák']); // the summary names who approved

    const pub = path.join(dir, 'station.pub.pem');
    await exportStationPublicKey(stationKey, pub);
    const verified = await cli([
      'verify-transcript',
      closed.transcriptPath,
      '--public-key',
      pub,
      '--record',
      json,
    ]);
    expect(verified.stdout).toMatch(/ceremony closed/);
    expect(verified.code).toBe(0);

    // Again later (start screen): into another folder; the same folder is refused rather than overwritten.
    const again = path.join(dir, 'again');
    mkdirSync(again);
    expect((await exportClosedRecord({ ...args, folder: again })).files).toHaveLength(3);
    await expect(exportClosedRecord(args)).rejects.toBeInstanceOf(AppError);
  }, 90_000);

  it('refuses an unknown ceremony or a path-like id before touching the file system', async () => {
    const stationKey = await loadOrCreateStationKey(path.join(dir, 'station-key'));
    const base = { dir: path.join(dir, 'transcripts'), station: 'online' as const, folder: dir, stationKey };
    const unknown = await exportClosedRecord({ ...base, ceremonyId: 'cer-20260101-000000-abcdef' }).catch(
      (e: unknown) => e,
    );
    expect((unknown as AppError).code).toMatch(/CEREMONY_NOT_CLOSED|BAD_ID/);
    const hostile = await exportClosedRecord({ ...base, ceremonyId: '../../etc/passwd' }).catch(
      (e: unknown) => e,
    );
    expect((hostile as AppError).code).toBe('BAD_ID');
  });
});
