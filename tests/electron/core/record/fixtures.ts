import path from 'node:path';
import { promises as fs } from 'node:fs';
import { loadOrCreateStationKey, openTranscript, transcriptPath } from '../../../../electron/core/transcript';
import { tempDir } from '../transcript/fixtures';

export const UNICODE_WITNESSES = ['Łukasz Dvořák', 'Алексей', 'Γιώργος', '李雷'];
export const ARN = 'arn:aws:kms:us-east-1:111122223333:key/5923e0ef-b51e-415f-b26e-7406e58ecc53';

/**
 * An online ceremony as session.ts records it (details copied from a real run against the emulator),
 * with the material generated twice (check values 0A0B0C then FE4608) before the import.
 */
export async function regeneratedCeremony(target: 'emulator' | 'aws' = 'emulator') {
  const dir = tempDir('kms-record-');
  const key = await loadOrCreateStationKey(path.join(dir, 'key'));
  let second = 0;
  const now = () => new Date(Date.UTC(2026, 10, 30, 0, 56, second++));
  const file = transcriptPath(dir, '20261130T005617Z-2f946d', 'online');
  const t = await openTranscript(file, {
    station: 'online',
    ceremonyId: '20261130T005617Z-2f946d',
    stationKey: key,
    operator: 'Ada Officer',
    witnesses: UNICODE_WITNESSES,
    now,
  });
  const pub = '3860250a4d221f4f16d40424b27f3dad5732be08dc15cbc39967f1c222278810';
  const ekm = '0ae0f1e0273eebdbcda99b7bc77ca7acf6686bc80278dae08565f98350360466';
  const token = 'a6aebec1a4f91005b4ba317610e9509fd79094c350b137251ea115c3664ffcd6';
  const material = (checkValue: string) => ({
    checkValue,
    checkValueKind: 'AES-CMAC',
    formatFound: 'generated',
    keySpec: 'SYMMETRIC_DEFAULT',
    notes: [],
    publicKeySha256: null,
    size: 32,
    source: 'generated',
  });
  await t.append({ action: 'ceremony.started', result: 'info', details: { mode: 'online' } });
  await t.append({
    action: 'kms.connected',
    details:
      target === 'emulator'
        ? {
            account: '111122223333',
            label: 'Local emulator — rehearsal',
            principalArn: 'arn:aws:iam::111122223333:root',
            region: 'us-east-1',
            target: 'emulator',
          }
        : {
            account: '111122223333',
            label: 'AWS KMS (profile ceremony)',
            principalArn: 'arn:aws:iam::111122223333:role/Ceremony',
            region: 'us-east-1',
            target: 'aws',
          },
  });
  await t.append({
    action: 'key.created',
    keyArn: ARN,
    details: {
      alias: 'alias/payments',
      keyId: '5923e0ef-b51e-415f-b26e-7406e58ecc53',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyState: 'PendingImport',
      keyUsage: 'ENCRYPT_DECRYPT',
      multiRegion: false,
    },
  });
  await t.append({
    action: 'parameters.fetched',
    keyArn: ARN,
    details: {
      importTokenSha256: token,
      keySpec: 'SYMMETRIC_DEFAULT',
      parametersValidTo: '2026-12-01T00:56:18.856Z',
      publicKeySha256: pub,
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_4096',
    },
  });
  await t.append({
    action: 'fingerprint.confirmed',
    keyArn: ARN,
    details: {
      publicKeySha256: pub,
      confirmedBy: 'Łukasz Dvořák',
      method: 'read aloud and confirmed',
      station: 'online',
    },
  });
  await t.append({ action: 'material.generated', keyArn: ARN, details: material('0A0B0C') });
  await t.append({ action: 'material.generated', keyArn: ARN, details: material('FE4608') });
  await t.append({
    action: 'material.wrapped',
    keyArn: ARN,
    details: {
      checkValue: 'FE4608',
      encryptedKeyMaterialSha256: ekm,
      keySpec: 'SYMMETRIC_DEFAULT',
      publicKeySha256: pub,
      size: 512,
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    },
  });
  await t.append({
    action: 'material.imported',
    keyArn: ARN,
    details: {
      // As steps/import.ts records it: the check value of the material sent.
      checkValue: 'FE4608',
      encryptedKeyMaterialSha256: ekm,
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      importTokenSha256: token,
      justification: null,
      keyMaterialId: 'd20bc719d239144a800d72616ed9e67bf34083b5ab60565187cf226cc9c58bd7',
      validTo: '2027-02-28T00:56:18.958Z',
    },
  });
  await t.append({
    action: 'import.verified',
    keyArn: ARN,
    details: {
      checks: ['PASS KMS decrypts what KMS encrypted with the imported material'],
      keyMaterialId: 'd20bc719d239144a800d72616ed9e67bf34083b5ab60565187cf226cc9c58bd7',
      keySpec: 'SYMMETRIC_DEFAULT',
      method: 'KMS Encrypt then Decrypt round trip',
      passed: true,
    },
  });
  await t.append({
    action: 'ceremony.completed',
    result: 'info',
    details: { reason: 'imported and verified' },
  });
  await t.close();
  return { text: await fs.readFile(file, 'utf8'), key, dir };
}
