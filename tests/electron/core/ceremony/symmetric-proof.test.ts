/**
 * The SYMMETRIC_DEFAULT proof (issue 10, "the symmetric proof overclaims"): against the emulator, which
 * follows spec §4.1 rows 18–20, it passes for the officers' material and fails for different material;
 * against hostile endpoints (accepting every import, answering the wrong ciphertext, echoing) it is never
 * reported as proven.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/errors';
import {
  proveSymmetricMaterial,
  type SymmetricProofArgs,
} from '../../../../electron/core/ceremony/symmetric-proof';
import { lazyEmulator, type LazyEmulator } from '../../../../electron/main/lazy-emulator';
import { approveAndImport, confirmAndWrap, startedSession } from './helpers';

let dir: string;
let emulator: LazyEmulator;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'symmetric-proof-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const validTo = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

async function importedSymmetric() {
  const s = await startedSession(dir, emulator);
  await s.connect({ target: 'emulator' });
  await s.createKey({
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    description: 'symmetric proof',
    alias: null,
    multiRegion: false,
  });
  await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await s.generateKeyMaterial();
  await confirmAndWrap(s);
  const imported = await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: validTo() });
  return { s, imported };
}

describe('the symmetric proof against the emulator', () => {
  it('proves the officers’ material: different material refused, ours accepted again, expiry unchanged', async () => {
    const { s, imported } = await importedSymmetric();
    const v = await s.verify();
    expect(v.passed).toBe(true);
    expect(v.method).toMatch(/^KMS recognised our material/);
    expect(v.checks.map((c) => [c.passed, c.name])).toEqual([
      [true, 'KMS refuses different material of the same size as this key’s material'],
      [true, 'KMS accepts our material again as this key’s material, with the same expiry'],
      [true, 'KMS decrypts what it encrypted with the key'],
    ]);
    expect(v.checks[0]!.detail).toBe('IncorrectKeyMaterialException');
    expect(v.checks[1]!.detail).toContain(imported.keyMaterialId!);
    const after = await s.describeKey(imported.keyId);
    expect(after.validTo).toBe(imported.validTo);
    expect(after.keyState).toBe('Enabled');
    // Each reimport is a KMS change: its intent is in the transcript before the call.
    const proofIntents = (await s.transcriptText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: { purpose?: string } })
      .filter((e) => e.action === 'kms.requested' && e.details.purpose?.startsWith('proof'));
    expect(proofIntents).toHaveLength(2);
    await s.finishCeremony('completed', 'test');
  }, 60_000);

  it('fails, naming IncorrectKeyMaterialException, when the officers hold different material than KMS', async () => {
    const { s } = await importedSymmetric();
    await s.generateKeyMaterial(true); // the officers' copy is now other 32 bytes
    const error = await s.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VERIFICATION_FAILED');
    const v = s.state().verification!;
    expect(v.passed).toBe(false);
    expect(v.checks[1]).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^IncorrectKeyMaterialException/),
    });
    // Main, not the renderer, refuses to record a failed proof as a completed ceremony.
    const refused = await s.finishCeremony('completed', 'renderer says done').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PROOF_FAILED' });
    expect(await s.transcriptText()).not.toContain('ceremony.completed');
    await s.finishCeremony('aborted', 'test'); // aborting stays possible
  }, 60_000);
});

describe('the symmetric proof against hostile endpoints', () => {
  const keyMaterialId = 'a'.repeat(64);
  const aesKey = randomBytes(32);
  /** A gateway that behaves like KMS except where `hostile` says otherwise. */
  function gateway(hostile: Partial<SymmetricProofArgs['gateway']>): SymmetricProofArgs['gateway'] {
    const ours = Buffer.from('ours');
    return {
      importKeyMaterial: async (a) => {
        if (!a.encryptedKeyMaterial.equals(ours))
          throw new AppError(
            'IncorrectKeyMaterialException',
            'Imported key material does not have the expected identifier',
            'x',
          );
        return { keyMaterialId };
      },
      encrypt: async (_, p) => {
        const iv = randomBytes(16);
        return Buffer.concat([iv, createCipheriv('aes-256-ctr', aesKey, iv).update(p)]);
      },
      decrypt: async (_, c) =>
        createDecipheriv('aes-256-ctr', aesKey, c.subarray(0, 16)).update(c.subarray(16)),
      ...hostile,
    };
  }
  const prove = (gw: SymmetricProofArgs['gateway']) =>
    proveSymmetricMaterial({
      gateway: gw,
      keyId: 'k',
      keyMaterialId,
      importToken: Buffer.from('token'),
      expiration: { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', validTo: null },
      ours: Buffer.from('ours'),
      decoy: Buffer.from('decoy'),
      intent: async () => {},
    });

  it('the honest stand-in passes (so each hostile case below fails for its own reason)', async () => {
    expect((await prove(gateway({}))).every((c) => c.passed)).toBe(true);
  });

  it('an endpoint that accepts every import is not reported as proven', async () => {
    const checks = await prove(gateway({ importKeyMaterial: async () => ({ keyMaterialId }) }));
    expect(checks[0]).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/accepted material that is not ours/),
    });
    expect(checks.every((c) => c.passed)).toBe(false);
  });

  it('an endpoint whose Decrypt does not give back the message (wrong ciphertext) is not reported as proven', async () => {
    const checks = await prove(gateway({ encrypt: async () => randomBytes(48) }));
    expect(checks[2]).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/did not decrypt to it/),
    });
  });

  it('an endpoint that echoes the message as its ciphertext is not reported as proven', async () => {
    const checks = await prove(
      gateway({ encrypt: async (_, p) => Buffer.from(p), decrypt: async (_, c) => Buffer.from(c) }),
    );
    expect(checks[2]!.passed).toBe(false);
  });

  it('an endpoint that answers another KeyMaterialId for our material is not reported as proven', async () => {
    const checks = await prove(
      gateway({
        importKeyMaterial: async (a) => {
          if (!a.encryptedKeyMaterial.equals(Buffer.from('ours')))
            throw new AppError('IncorrectKeyMaterialException', 'x', 'x');
          return { keyMaterialId: 'b'.repeat(64) };
        },
      }),
    );
    expect(checks[1]).toMatchObject({ passed: false, detail: expect.stringContaining('b'.repeat(64)) });
  });
});
