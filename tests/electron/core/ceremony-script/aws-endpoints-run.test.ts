/**
 * A script's own AWS endpoints for a multi-Region key (issue 13): `target.aws.endpoint` is the script's
 * Region's, `target.aws.endpoints` each other Region's (e.g. each Region's VPC endpoint); a script that names
 * its own endpoint and none for a replica Region is refused before anything runs, never sent to AWS's public
 * endpoint. "AWS" here is the emulator behind local TLS proxies, one per Region for KMS (and one for STS,
 * named by AWS_ENDPOINT_URL_STS), which count the requests they carry per Region (the SigV4 credential scope).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { names, run, tempDir, witnessed, writeScript } from './helpers';
import { kmsProxy, selfSignedLocalhost, type KmsProxy } from './kms-proxy';

const tmp = tempDir('script-aws-endpoints');
let emulator: RunningEmulator;
const proxies: KmsProxy[] = [];
const envBefore = { ...process.env };
let keyId: string;

beforeAll(async () => {
  emulator = await startEmulator({
    dataDir: tmp.at('kms'),
    port: 0,
    replicaCreatingSeconds: 1,
    wrappingKeyPool: 1,
  });
  const tls = selfSignedLocalhost(tmp.dir);
  for (let i = 0; i < 3; i++) proxies.push(await kmsProxy({ upstream: emulator.endpoint, tls }));
  writeFileSync(tmp.at('config'), '[profile ceremony]\nregion = us-east-1\n');
  writeFileSync(
    tmp.at('credentials'),
    '[ceremony]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = not-checked-by-the-emulator\n',
  );
  // The runner reads main's environment: this worker's profile files, no configured endpoint, and trust in
  // the proxies' self-signed certificate (this test file's worker only).
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_ENDPOINT_URL') || name === 'AWS_PROFILE') delete process.env[name];
  process.env.AWS_ENDPOINT_URL_STS = proxies[2]!.url; // STS: from the AWS configuration, as a VPC setup has it
  process.env.AWS_CONFIG_FILE = tmp.at('config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = tmp.at('credentials');
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
});

afterAll(async () => {
  process.env = envBefore;
  for (const p of proxies) await p.close();
  await emulator.close();
  tmp.cleanup();
});

const script = (aws: Record<string, unknown>, output: string) => ({
  ceremony: names,
  ...witnessed,
  target: { aws: { profile: 'ceremony', region: 'us-east-1', ...aws } },
  key: { create: { keySpec: 'SYMMETRIC_DEFAULT', multiRegion: true } },
  material: { generate: true },
  expiration: { validForDays: 100 },
  replicas: { regions: ['eu-west-1'], waitSeconds: 60 },
  output,
});

describe('kms-ceremony run: a script’s own AWS endpoints, Region by Region', () => {
  it('talks to each Region at the endpoint the script names for it', async () => {
    const [east, west] = proxies;
    const { result, error, out } = await run({
      scriptPath: writeScript(
        tmp.dir,
        'mapped.yaml',
        script({ endpoint: east!.url, endpoints: { 'eu-west-1': west!.url } }, 'mapped'),
      ),
    });
    expect(error).toBeNull();
    expect(result).toMatchObject({ outcome: 'completed' });
    expect(out).toMatch(/ok +multi-region\.region-verified +eu-west-1 holds key material [0-9a-f]{64}/);
    expect([...east!.seen.keys()]).toEqual(['us-east-1']);
    expect([...west!.seen.keys()]).toEqual(['eu-west-1']);
    keyId = /\b(mrk-[0-9a-f]+)\b/.exec(out)![1]!;
    const transcript = readFileSync(result!.transcriptPath!, 'utf8');
    expect(transcript).toContain(`"endpointSource":"the ceremony script (target.aws.endpoint)"`);
  }, 90_000);

  it('refuses, before anything runs, a script endpoint with none for a replica Region', async () => {
    const before = proxies.map((p) => [...p.seen.values()].reduce((a, b) => a + b, 0));
    const { error, out } = await run({
      scriptPath: writeScript(tmp.dir, 'unmapped.yaml', script({ endpoint: proxies[0]!.url }, 'unmapped')),
    });
    expect(error?.message).toContain(
      "target.aws.endpoints: target.aws.endpoint is us-east-1's own endpoint, and eu-west-1 has none; write endpoints: { eu-west-1: https://… }",
    );
    expect(out).not.toContain('transcript:');
    expect(proxies.map((p) => [...p.seen.values()].reduce((a, b) => a + b, 0))).toEqual(before);
  });

  it('a rotation of that key with the script’s endpoint and none for its replica is refused before anything is made or sent there', async () => {
    const [east, west] = proxies;
    const westCalls = west!.seen.get('eu-west-1');
    const { error, out } = await run({
      scriptPath: writeScript(tmp.dir, 'rotate.yaml', {
        ...script({ endpoint: east!.url }, 'rotate'),
        key: { id: keyId },
        replicas: undefined,
        rotation: { approvedBy: ['Wes Witness'] },
      }),
    });
    expect(error).toMatchObject({ code: 'ENDPOINT_MISSING_FOR_REGION' });
    expect(error!.message).toBe(
      `The script names its own KMS endpoint for us-east-1 (${east!.url}) but none for eu-west-1, another Region of this key.`,
    );
    expect(out).toMatch(/FAIL +rotation\.replicas-checked/);
    expect(out).not.toMatch(/material\.generated/);
    expect(west!.seen.get('eu-west-1')).toBe(westCalls);
    expect(east!.seen.has('eu-west-1')).toBe(false);
  });
});
