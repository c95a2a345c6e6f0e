/**
 * The ceremony session end to end against the real embedded emulator, through @aws-sdk/client-kms:
 * what the officers do in the wizard, minus the UI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { approveAndImport, confirmAndWrap, startedSession } from './helpers';
import { lazyEmulator, type LazyEmulator } from '../../../../electron/main/lazy-emulator';
import type { NativeConfirmation } from '../../../../electron/core/confirmation';
import { AppError } from '../../../../electron/core/errors';

let dir: string;
let emulator: LazyEmulator;
const inDays = (days: number, from = new Date()) =>
  new Date(from.getTime() + days * 86_400_000).toISOString();

function newSession() {
  return startedSession(dir, emulator);
}

async function expectAppError(promise: Promise<unknown> | (() => unknown), code: string): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).hint).not.toBe('');
    return error as AppError;
  }
  throw new Error(`expected AppError ${code}`);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'session-test-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CeremonySession against the embedded emulator', () => {
  it('runs a symmetric ceremony: create, parameters, generate, wrap, save, import, verify', async () => {
    const s = await newSession();
    const connection = await s.connect({ target: 'emulator' });
    expect(connection).toMatchObject({
      target: 'emulator',
      label: 'Local emulator — rehearsal',
      account: '111122223333',
    });

    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'test',
      alias: 'alias/ceremony-sym',
      multiRegion: false,
    });
    expect(key).toMatchObject({
      origin: 'EXTERNAL',
      keyState: 'PendingImport',
      aliases: ['alias/ceremony-sym'],
    });
    expect(key.importability.mode).toBe('first-import');
    expect(key.recommended).toEqual({ wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_4096' });
    expect(key.combinations.find((c) => c.wrappingAlgorithm === 'RSAES_PKCS1_V1_5')?.allowed).toBe(false);

    const params = await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_4096');
    expect(params.publicKey.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(params.publicKey.words).toHaveLength(32);
    expect(new Date(params.parametersValidTo).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const material = await s.generateKeyMaterial();
    expect(material).toMatchObject({ length: 32, source: 'generated', checkValue: { kind: 'AES-CMAC' } });
    const wrapped = await confirmAndWrap(s);
    expect(wrapped.size).toBe(512);

    const folder = mkdtempSync(path.join(dir, 'files-'));
    const saved = await s.saveImportFiles(folder);
    expect(saved.files.map((f) => f.name)).toEqual([
      'EncryptedKeyMaterial.bin',
      'ImportToken.bin',
      'WrappingPublicKey.bin',
    ]);
    expect(statSync(path.join(folder, 'EncryptedKeyMaterial.bin')).mode & 0o777).toBe(0o600);
    await expectAppError(s.saveImportFiles(folder), 'FILE_EXISTS');
    expect(readdirSync(folder)).toHaveLength(3);

    const imported = await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: inDays(90),
    });
    expect(imported).toMatchObject({ keyState: 'Enabled', expirationModel: 'KEY_MATERIAL_EXPIRES' });
    const verification = await s.verify();
    expect(verification.passed).toBe(true);
    expect(verification.keyMaterialId).toBe(imported.keyMaterialId);

    const state = JSON.stringify(s.state());
    expect(state).toContain('"keyState":"Enabled"');
    await s.close();
  });

  it('connects to the emulator in a named Region (a key chosen in the expiry planner) and works there', async () => {
    const s = await newSession();
    const connection = await s.connect({ target: 'emulator', region: 'eu-west-1' });
    expect(connection.region).toBe('eu-west-1');
    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'regional',
      alias: 'alias/ceremony-eu',
      multiRegion: false,
    });
    expect(key.arn).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);
  });

  it('proves an HMAC_512 import by comparing the KMS MAC with our own', async () => {
    const s = await newSession();
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'HMAC_512',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: '',
      alias: null,
      multiRegion: false,
    });
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    const material = await s.generateKeyMaterial();
    expect(material.length).toBe(64);
    await confirmAndWrap(s);
    await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      justification: 'root of a payment key hierarchy',
    });
    expect((await s.verify()).checks[0]).toMatchObject({ passed: true });
    await s.close();
  });

  it('proves an RSA_3072 signing import with RSA_AES_KEY_WRAP_SHA_256 by signature and public key', async () => {
    const s = await newSession();
    await s.connect({ target: 'emulator' });
    const key = await s.createKey({
      keySpec: 'RSA_3072',
      keyUsage: 'SIGN_VERIFY',
      description: '',
      alias: null,
      multiRegion: false,
    });
    expect(key.recommended?.wrappingAlgorithm).toBe('RSA_AES_KEY_WRAP_SHA_256');
    await expectAppError(s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_4096'), 'INCOMPATIBLE');
    await s.getImportParameters('RSA_AES_KEY_WRAP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(30) });
    const verification = await s.verify();
    expect(verification.checks.map((c) => c.passed)).toEqual([true, true]);
    await s.close();
  });

  it('loads material from a file, refuses different material on reimport, and accepts the same after a delete', async () => {
    const s = await newSession();
    await s.connect({ target: 'emulator' });
    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: '',
      alias: 'alias/ceremony-reimport',
      multiRegion: false,
    });
    const original = path.join(dir, 'original.bin');
    writeFileSync(original, randomBytes(32));
    const other = path.join(dir, 'other.hex');
    writeFileSync(other, randomBytes(32).toString('hex'));

    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    const loaded = await s.loadKeyMaterial(original, 'auto', null);
    expect(loaded).toMatchObject({ source: 'file', fileName: 'original.bin', length: 32 });
    await confirmAndWrap(s);
    await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(10) });

    const described = await s.describeKey(key.keyId);
    expect(described.importability.mode).toBe('reimport');
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    // Replacing the material and importing again into the same key each need a confirmation.
    await expectAppError(s.loadKeyMaterial(other, 'auto', null), 'MATERIAL_EXISTS');
    expect(s.state().material?.fileName).toBe('original.bin');
    await s.loadKeyMaterial(other, 'auto', null, { replace: true });
    await confirmAndWrap(s);
    await expectAppError(
      approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(10) }),
      'ALREADY_IMPORTED',
    );
    const refused = await expectAppError(
      approveAndImport(
        s,
        { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(10) },
        { reimport: true },
      ),
      'IncorrectKeyMaterialException',
    );
    expect(refused.message).toMatch(/same material/);
    expect((await s.describeKey(key.keyId)).keyState).toBe('Enabled');

    // Main asks first, naming the key's ARN and alias; declining changes nothing.
    const asked: NativeConfirmation[] = [];
    const declined = await s.deleteImportedKeyMaterial(key.keyId, async (q) => (asked.push(q), false));
    expect(declined).toEqual({ cancelled: true });
    expect((await s.describeKey(key.keyId)).keyState).toBe('Enabled');
    const afterDelete = await s.deleteImportedKeyMaterial(key.keyId, async (q) => (asked.push(q), true));
    expect(afterDelete).toMatchObject({ keyState: 'PendingImport' });
    expect(asked[0]?.message).toContain(key.arn);
    expect(asked[0]?.detail).toContain('alias/ceremony-reimport');
    // The intent is in the transcript before the outcome.
    const actions = (await s.transcriptText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: { operation?: string } });
    const tail = actions.slice(-5).map((e) => `${e.action} ${e.details.operation ?? ''}`.trim());
    expect(tail).toEqual([
      'kms.declined DeleteImportedKeyMaterial',
      'key.described',
      'kms.requested DeleteImportedKeyMaterial',
      'material.deleted-from-kms',
      'key.described',
    ]);
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.loadKeyMaterial(original, 'raw', null, { replace: true });
    await confirmAndWrap(s);
    const again = await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(10) });
    expect(again.keyState).toBe('Enabled');
    expect((await s.verify()).passed).toBe(true);
    await s.close();
  });

  it('refuses bad input without changing anything', async () => {
    const s = await newSession();
    await expectAppError(s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_4096'), 'NO_KEY');
    await s.connect({ target: 'emulator' });
    await expectAppError(
      s.createKey({
        keySpec: 'HMAC_256',
        keyUsage: 'ENCRYPT_DECRYPT',
        description: '',
        alias: null,
        multiRegion: false,
      }),
      'BAD_KEY_USAGE',
    );
    await s.createKey({
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: '',
      alias: null,
      multiRegion: false,
    });
    await expect(s.wrap()).rejects.toThrow(/no import parameters/i);
    await s.getImportParameters('RSAES_OAEP_SHA_1', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    await expectAppError(
      approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(-1) }),
      'BAD_VALID_TO',
    );
    await expectAppError(
      approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(366) }),
      'BAD_VALID_TO',
    );
    expect(s.state().imported).toBeNull();
    expect(s.state().key?.keyState).toBe('PendingImport');
    await s.close();
  });

  it('refuses to wrap with expired parameters, and KMS refuses the stale token after the clock moves', async () => {
    const s = await newSession();
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      description: '',
      alias: null,
      multiRegion: false,
    });
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    (await emulator.get()).running.advanceClock(25 * 3600);
    await expect(s.wrap()).rejects.toThrow(/expired/);
    await expectAppError(
      approveAndImport(s, {
        expirationModel: 'KEY_MATERIAL_EXPIRES',
        validTo: inDays(30, (await emulator.get()).now()),
      }),
      'PARAMETERS_EXPIRED',
    );
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await confirmAndWrap(s);
    await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: inDays(30, (await emulator.get()).now()),
    });
    expect((await s.verify()).passed).toBe(true);
    await s.close();
  });

  it('never exposes key material in its state', async () => {
    const s = await newSession();
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: '',
      alias: null,
      multiRegion: false,
    });
    const file = path.join(dir, 'leak.bin');
    const bytes = randomBytes(32);
    writeFileSync(file, bytes);
    await s.loadKeyMaterial(file, 'raw', null);
    const state = JSON.stringify(s.state());
    for (const encoded of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('latin1')]) {
      expect(state).not.toContain(encoded);
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
    await s.close();
  });
});
