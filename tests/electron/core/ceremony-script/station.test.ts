import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CeremonySession } from '../../../../electron/core/ceremony/session';
import {
  connectPolicy,
  connectRequest,
  openScriptStation,
} from '../../../../electron/core/ceremony-script/station';
import { verifyTranscript } from '../../../../electron/core/transcript';

const noEmulator = () => Promise.reject(new Error('no emulator in this test'));
const question = { title: 't', message: 'm', detail: 'd', confirmLabel: 'c' };

describe('a script’s AWS target goes through the connection policy', () => {
  it('an endpoint the script names is its confirmation; without one, a non-AWS host is refused', async () => {
    const named = connectPolicy({ aws: { region: 'eu-west-1', endpoint: 'https://kms.corp.example' } });
    expect(named.endpoint).toEqual({
      url: 'https://kms.corp.example',
      source: 'the ceremony script (target.aws.endpoint)',
    });
    expect(await named.confirm(question)).toBe(true);
    expect(await connectPolicy({ aws: { region: 'eu-west-1' } }).confirm(question)).toBe(false);
  });

  it('an http endpoint in a script is refused before anything is sent', async () => {
    const target = { aws: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' } };
    const session = new CeremonySession({ emulator: noEmulator });
    await expect(
      session.connect(connectRequest(target), { ...connectPolicy(target), env: {} }),
    ).rejects.toMatchObject({
      code: 'ENDPOINT_REFUSED',
      message: expect.stringContaining('ceremony script'),
    });
  });

  it('other Regions of the key: the script’s endpoint for each, or a refusal when it names its own and none for that Region', async () => {
    const mapped = connectPolicy({
      aws: {
        region: 'us-east-1',
        endpoint: 'https://vpce-1.kms.us-east-1.vpce.amazonaws.com',
        endpoints: { 'eu-west-1': 'https://vpce-2.kms.eu-west-1.vpce.amazonaws.com' },
      },
    });
    const west = mapped.regions('eu-west-1');
    expect(west.endpoint).toEqual({
      url: 'https://vpce-2.kms.eu-west-1.vpce.amazonaws.com',
      source: 'the ceremony script (target.aws.endpoints.eu-west-1)',
    });
    expect(await west.confirm(question)).toBe(true);
    expect(() => mapped.regions('ap-south-1')).toThrow(
      expect.objectContaining({
        code: 'ENDPOINT_MISSING_FOR_REGION',
        message:
          'The script names its own KMS endpoint for us-east-1 (https://vpce-1.kms.us-east-1.vpce.amazonaws.com) but none for ap-south-1, another Region of this key.',
      }),
    );
    // No endpoint in the script: other Regions follow the AWS config, else AWS's own; no host is confirmed.
    const plain = connectPolicy({ aws: { region: 'us-east-1' } }).regions('eu-west-1');
    expect(plain.endpoint).toBeNull();
    expect(await plain.confirm(question)).toBe(false);
  });
});

describe('the station of a scripted ceremony', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes its transcript on the calling thread, not through the thread pool (transcript/append-file.ts)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'script-station-'));
    const station = openScriptStation(dataDir, { emulator: { endpoint: 'http://127.0.0.1:9' } });
    await station.stationKey(); // created (once) before the spies: the key's own files are not the point
    const open = vi.spyOn(fs, 'open');
    const readFile = vi.spyOn(fs, 'readFile');
    const info = await station.session.startCeremony({
      station: 'online',
      operator: 'Alice',
      witnesses: ['Bob'],
    });
    await station.session.close();
    await station.close();
    const touched = [...open.mock.calls, ...readFile.mock.calls].map((c) => String(c[0]));
    expect(touched.filter((f) => f.startsWith(path.join(dataDir, 'transcripts')))).toEqual([]);
    expect(verifyTranscript(readFileSync(info.transcriptPath))).toMatchObject({ intact: true, events: 3 });
  });
});
