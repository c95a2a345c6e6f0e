import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  loadOrCreateStationKey,
  openTranscript,
  transcriptPath,
  type StationKey,
} from '../../../../electron/core/transcript';
import { promises as fs } from 'node:fs';

export function tempDir(prefix = 'kms-transcript-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

const ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PUBKEY_SHA = 'a'.repeat(64);

/** Steps a real two-station ceremony records; the clock advances one minute per event. */
export async function realisticCeremony(): Promise<{
  dir: string;
  online: StationKey;
  offline: StationKey;
  onlineText: string;
  offlineText: string;
  file: string;
}> {
  const dir = tempDir();
  const online = await loadOrCreateStationKey(path.join(dir, 'online-key'));
  const offline = await loadOrCreateStationKey(path.join(dir, 'offline-key'));
  let minute = 0;
  const now = () => new Date(Date.UTC(2026, 10, 28, 9, minute++, 0));
  const ceremonyId = '20261128T090000Z-abc123';
  const names = { operator: 'Alice Operator', witnesses: ['Wendy Witness', 'Walter Witness'] };

  const off = await openTranscript(transcriptPath(path.join(dir, 'off'), ceremonyId, 'offline'), {
    station: 'offline',
    ceremonyId,
    stationKey: offline,
    ...names,
    now,
  });
  await off.append({ action: 'ceremony.started', result: 'info', details: { mode: 'air-gapped' } });
  await off.append({
    action: 'parameters.read',
    keyArn: ARN,
    details: { publicKeySha256: PUBKEY_SHA, source: 'bundle-folder' },
  });
  await off.append({
    action: 'fingerprint.confirmed',
    keyArn: ARN,
    details: { publicKeySha256: PUBKEY_SHA, confirmedBy: 'Wendy Witness' },
  });
  await off.append({
    action: 'material.loaded',
    keyArn: ARN,
    details: { keySpec: 'SYMMETRIC_DEFAULT', checkValue: 'A1B2C3', size: 32 },
  });
  await off.append({
    action: 'material.wrapped',
    keyArn: ARN,
    details: { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', encryptedKeyMaterialSha256: 'b'.repeat(64) },
  });
  await off.append({ action: 'bundle.written', keyArn: ARN, details: { path: '/media/usb/wrapped' } });
  await off.close();
  const offlineText = await fs.readFile(off.path, 'utf8');

  const file = transcriptPath(path.join(dir, 'on'), ceremonyId, 'online');
  const on = await openTranscript(file, { station: 'online', ceremonyId, stationKey: online, ...names, now });
  await on.append({ action: 'ceremony.started', result: 'info', details: { mode: 'air-gapped' } });
  await on.append({
    action: 'key.described',
    keyArn: ARN,
    details: { keySpec: 'SYMMETRIC_DEFAULT', keyState: 'PendingImport', origin: 'EXTERNAL' },
  });
  await on.append({
    action: 'parameters.fetched',
    keyArn: ARN,
    details: {
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_4096',
      parametersValidTo: '2026-11-29T09:02:00.000Z',
      publicKeySha256: PUBKEY_SHA,
      importTokenSha256: 'c'.repeat(64),
    },
  });
  await on.append({ action: 'bundle.written', keyArn: ARN, details: { path: '/media/usb/parameters' } });
  await on.append({
    action: 'fingerprint.confirmed',
    keyArn: ARN,
    details: { publicKeySha256: PUBKEY_SHA, confirmedBy: 'Walter Witness' },
  });
  await on.append({
    action: 'bundle.read',
    keyArn: ARN,
    details: { encryptedKeyMaterialSha256: 'b'.repeat(64) },
  });
  await on.mergeSegment(offlineText, { trustedKeys: [offline.publicKey] });
  await on.append({
    action: 'material.imported',
    keyArn: ARN,
    details: { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' },
  });
  await on.append({
    action: 'import.failed-example',
    keyArn: ARN,
    result: 'error',
    error: { code: 'InvalidCiphertextException', message: '' },
  });
  await on.append({ action: 'ceremony.completed', keyArn: ARN, details: {} });
  await on.close();
  const onlineText = await fs.readFile(file, 'utf8');
  return { dir, online, offline, onlineText, offlineText, file };
}
