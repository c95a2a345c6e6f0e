/**
 * The AWS path of a multi-Region ceremony: connected to "AWS" with a profile, the other Regions are opened
 * by main with the same profile and the same endpoint policy (core/ceremony/steps/connect.ts), Region by
 * Region — no endpoint ever comes from the caller. "AWS" here is the emulator behind a local TLS proxy
 * named by AWS_ENDPOINT_URL_KMS/_STS (a host outside AWS's domains, so main asks natively for each Region).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeConfirmation } from '../../../../../electron/core/confirmation';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../../electron/core/emulator/timing';
import { daysAhead } from '../../emulator/helpers';
import { useEmulatorStation } from '../emulator-station';
import { approveAndImport, confirmAndWrap, people } from '../helpers';

const { station, newSession } = useEmulatorStation('multi-region-aws');
let proxy: Server;
let dir: string;
let env: NodeJS.ProcessEnv;
const tlsBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'multi-region-aws-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
  const upstream = new URL(station.h.emulator.endpoint);
  proxy = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, 'localhost', resolve));
  const url = `https://localhost:${(proxy.address() as AddressInfo).port}`;
  writeFileSync(path.join(dir, 'config'), '[profile ceremony]\nregion = us-east-1\n');
  writeFileSync(
    path.join(dir, 'credentials'),
    '[ceremony]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = not-checked-by-the-emulator\n',
  );
  env = {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_ENDPOINT_URL_KMS: url,
    AWS_ENDPOINT_URL_STS: url,
  };
  // The proxy's certificate is self-signed; only this test file's worker trusts it.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
});

afterAll(async () => {
  if (tlsBefore === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsBefore;
  await new Promise((resolve) => proxy?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('multi-Region ceremony against AWS (same profile, a connection per Region)', () => {
  it('opens the replica Region with the primary’s profile and endpoint policy, asking natively for its host', async () => {
    const s = newSession();
    const asked: NativeConfirmation[] = [];
    const confirm = (q: NativeConfirmation) => {
      asked.push(q);
      return Promise.resolve(true);
    };
    await s.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    const conn = await s.connect(
      { target: 'aws', profile: 'ceremony', region: 'us-east-1' },
      { confirm, env },
    );
    expect(conn).toMatchObject({
      target: 'aws',
      region: 'us-east-1',
      endpointSource: 'AWS_ENDPOINT_URL_KMS',
    });
    expect(asked).toHaveLength(1);
    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'multi-Region over the AWS path',
      alias: null,
      multiRegion: true,
    });
    const expires = {
      expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
      validTo: daysAhead(station.h.emulator, 200).toISOString(),
    };
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    const primary = await approveAndImport(s, expires);
    expect(await s.replicateTo(['eu-west-1'])).toEqual(['eu-west-1']);
    station.h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);

    const replica = await s.useRegion('eu-west-1');
    expect(replica.arn).toBe(key.arn.replace('us-east-1', 'eu-west-1'));
    // The replica Region's connection: same profile, its own Region, the same (confirmed) endpoint.
    expect(s.state().connection).toMatchObject({
      target: 'aws',
      label: 'AWS — profile ceremony',
      region: 'eu-west-1',
      endpoint: env.AWS_ENDPOINT_URL_KMS + '/',
      endpointSource: 'AWS_ENDPOINT_URL_KMS',
    });
    expect(asked.map((q) => q.message)).toEqual([
      expect.stringContaining('localhost'),
      expect.stringContaining('localhost'), // asked again for eu-west-1's connection
    ]);
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await confirmAndWrap(s);
    expect((await approveAndImport(s, expires)).keyMaterialId).toBe(primary.keyMaterialId);
    expect((await s.proveRegion()).keyMaterialId).toBe(primary.keyMaterialId);
    await s.close();
  }, 60_000);
});
