import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readParametersInput,
  readWrappedBundle,
  writeParametersBundle,
  writeWrappedBundle,
} from '../../../../electron/core/bundles';
import {
  checkValue,
  generateKeyMaterial,
  runSelfTests,
  unwrapKeyMaterial,
  wrapKeyMaterial,
} from '../../../../electron/core/crypto';
import { buildCeremonyRecord } from '../../../../electron/core/record';
import {
  loadOrCreateStationKey,
  openTranscript,
  transcriptPath,
  type StationKey,
} from '../../../../electron/core/transcript';
import { tempDir } from '../transcript/fixtures';
import { ARN, CEREMONY_ID } from './helpers';

// KMS's side, played by a local RSA pair: the private half never leaves this test.
const kms = generateKeyPairSync('rsa', { modulusLength: 3072 });
const publicKeyDer = kms.publicKey.export({ type: 'spki', format: 'der' });
const names = { operator: 'Alice', witnesses: ['Wendy', 'Walter'] };

let online: StationKey;
let offline: StationKey;
let dir: string;

beforeAll(async () => {
  await runSelfTests();
  dir = tempDir('kms-flow-');
  online = await loadOrCreateStationKey(path.join(dir, 'online-station'));
  offline = await loadOrCreateStationKey(path.join(dir, 'offline-station'));
});

describe('a whole air-gapped ceremony through the bundles', () => {
  it('parameters → offline wrap → wrapped bundle → online check, unwrap and merged, verifiable record', async () => {
    const now = new Date();
    const usb = path.join(dir, 'usb');
    const token = randomBytes(1500);
    const onT = await openTranscript(transcriptPath(path.join(dir, 'on'), CEREMONY_ID, 'online'), {
      station: 'online',
      ceremonyId: CEREMONY_ID,
      stationKey: online,
      ...names,
    });
    const params = await writeParametersBundle(path.join(usb, 'parameters'), {
      ceremonyId: CEREMONY_ID,
      keyArn: ARN,
      keySpec: 'SYMMETRIC_DEFAULT',
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_3072',
      parametersValidTo: new Date(now.getTime() + 24 * 3600_000),
      publicKey: publicKeyDer,
      importToken: token,
      onlineStationKeyId: online.keyId,
    });
    await onT.append({
      action: 'bundle.written',
      keyArn: ARN,
      details: { publicKeySha256: params.manifest.publicKey.sha256 },
    });

    // Offline station.
    const input = await readParametersInput(path.join(usb, 'parameters'));
    const offT = await openTranscript(transcriptPath(path.join(dir, 'off'), CEREMONY_ID, 'offline'), {
      station: 'offline',
      ceremonyId: CEREMONY_ID,
      stationKey: offline,
      ...names,
    });
    await offT.append({
      action: 'parameters.read',
      keyArn: input.keyArn,
      details: { publicKeySha256: input.publicKeySha256 },
    });
    const material = await generateKeyMaterial('SYMMETRIC_DEFAULT');
    const kcv = checkValue('SYMMETRIC_DEFAULT', material);
    const blob = wrapKeyMaterial({
      material,
      publicKeyDer: input.publicKey,
      algorithm: 'RSAES_OAEP_SHA_256',
      keySpec: 'SYMMETRIC_DEFAULT',
    });
    await offT.append({
      action: 'material.wrapped',
      keyArn: input.keyArn,
      details: { checkValue: kcv.value },
    });
    await offT.close();
    await writeWrappedBundle(
      path.join(usb, 'wrapped.zip'),
      {
        ceremonyId: CEREMONY_ID,
        keyArn: input.keyArn,
        keySpec: 'SYMMETRIC_DEFAULT',
        wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        wrappingKeySpec: input.wrappingKeySpec,
        parametersValidTo: input.parametersValidTo as string,
        publicKey: input.publicKey,
        importTokenSha256: input.importTokenSha256,
        encryptedKeyMaterial: blob,
        checkValue: kcv,
        transcriptSegment: await fs.readFile(offT.path, 'utf8'),
      },
      { as: 'zip' },
    );

    // Online station again.
    const wrapped = await readWrappedBundle(path.join(usb, 'wrapped.zip'), {
      expectedPublicKeySha256: params.manifest.publicKey.sha256,
      expectedImportTokenSha256: params.manifest.importToken.sha256,
      now: new Date(),
      trustedKeys: [offline.publicKey],
    });
    const unwrapped = unwrapKeyMaterial({
      blob: wrapped.encryptedKeyMaterial,
      privateKey: kms.privateKey,
      algorithm: 'RSAES_OAEP_SHA_256',
    });
    try {
      expect(unwrapped.equals(material)).toBe(true);
      expect(checkValue('SYMMETRIC_DEFAULT', unwrapped).value).toBe(wrapped.manifest.checkValue.value);
    } finally {
      unwrapped.wipe();
      material.wipe();
    }
    await onT.mergeSegment(wrapped.transcriptSegment, { trustedKeys: [offline.publicKey] });
    await onT.append({ action: 'ceremony.completed', keyArn: ARN });
    await onT.close();

    const record = buildCeremonyRecord(await fs.readFile(onT.path), {
      trustedKeys: [online.publicKey, offline.publicKey],
    });
    expect(record.verification).toMatchObject({ intact: true, complete: true, trusted: true, events: 4 });
    expect(record.checkValues.map((c) => c.value)).toEqual([kcv.value]);
    const usbFiles = [...(await fs.readdir(path.join(usb, 'parameters'))), 'wrapped.zip'];
    const everything = Buffer.concat(
      await Promise.all(
        usbFiles.map((f) => fs.readFile(path.join(usb, f === 'wrapped.zip' ? f : `parameters/${f}`))),
      ),
    );
    expect(everything.includes(token.subarray(0, 32))).toBe(false);
  });
});
