/**
 * The policy enforced in main, on a real session against the emulator: roles at start, the fingerprint
 * before Wrap, nothing replaced silently, and witness approvals bound to exactly what the import sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../electron/core/errors';
import { lazyEmulator, type LazyEmulator } from '../../../../electron/main/lazy-emulator';
import type { CeremonySession } from '../../../../electron/core/ceremony/session';
import { approveAll, approveAndImport, confirmAndWrap, people, startedSession } from './helpers';

let dir: string;
let emulator: LazyEmulator;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const expires = (days: number) => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: inDays(days),
});
const symmetric = {
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  description: 'policy test',
  alias: null,
  multiRegion: false,
};

async function refused(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).hint).not.toBe('');
  return error as AppError;
}

async function events(s: CeremonySession) {
  return (await s.transcriptText())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; result: string; details: Record<string, unknown> });
}

/** Connected, key created, parameters fetched, material generated: the state just before Wrap. */
async function readyToWrap(names?: Parameters<typeof startedSession>[2]) {
  const s = await startedSession(dir, emulator, names);
  await s.connect({ target: 'emulator' });
  await s.createKey(symmetric);
  await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await s.generateKeyMaterial();
  return s;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'session-policy-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('roles at the start of a ceremony', () => {
  it('refuses the operator as their own witness, in any spelling, before any transcript exists', async () => {
    const before = existsSync(path.join(dir, 'transcripts'))
      ? readdirSync(path.join(dir, 'transcripts'))
      : [];
    const e = await refused(
      startedSession(dir, emulator, { operator: 'Sam Solo', witnesses: [' sam  SOLO'] }),
      'ROLES_INVALID',
    );
    expect(e.message).toMatch(/one person cannot check their own work/);
    const after = existsSync(path.join(dir, 'transcripts')) ? readdirSync(path.join(dir, 'transcripts')) : [];
    expect(after).toEqual(before);
  });

  it('writes the policy in force into the transcript right after the start', async () => {
    const s = await startedSession(dir, emulator, { ...people, approvals: 1 });
    const written = (await events(s)).find((e) => e.action === 'policy.in-force')!;
    expect(written.details).toMatchObject({
      roles: { operator: 'Ada Officer', witnesses: people.witnesses },
      quorum: '1 of 2 witness(es) approve the import',
    });
    expect((written.details.actions as Record<string, string[]>).wrap).toContain(
      'A witness has confirmed the wrapping public key fingerprint on this station.',
    );
    await s.close();
  });
});

describe('fingerprint before Wrap', () => {
  it('refuses Wrap with the reason until a named witness (not the operator) confirms', async () => {
    const s = await readyToWrap();
    expect(s.state().policy.wrap).toMatchObject({ allowed: false, code: 'FINGERPRINT_NOT_CONFIRMED' });
    await refused(s.wrap(), 'FINGERPRINT_NOT_CONFIRMED');
    expect(s.state().wrapped).toBeNull();
    await refused(s.confirmFingerprint({ witness: 'ada officer', heardWords: null }), 'NOT_A_WITNESS');
    const wrong = await s.confirmFingerprint({ witness: 'Wes Witness', heardWords: 'aardvark absurd' });
    expect(wrong.matched).toBe(false);
    await refused(s.wrap(), 'FINGERPRINT_NOT_CONFIRMED');
    expect(await s.confirmFingerprint({ witness: ' wes witness ', heardWords: null })).toMatchObject({
      matched: true,
      message: 'Wes Witness confirmed the wrapping public key fingerprint.',
    });
    expect(s.state().policy.wrap).toEqual({ allowed: true, confirm: null });
    // A second witness hearing other words voids the confirmations: both compare again before Wrap.
    const heardOther = await s.confirmFingerprint({ witness: 'Vic Verifier', heardWords: 'aardvark absurd' });
    expect(heardOther.matched).toBe(false);
    expect(s.state().fingerprintConfirmedBy).toEqual([]);
    await refused(s.wrap(), 'FINGERPRINT_NOT_CONFIRMED');
    await s.confirmFingerprint({ witness: 'Vic Verifier', heardWords: null });
    expect(s.state().fingerprintConfirmedBy).toEqual(['Vic Verifier']);
    await s.wrap();
    // New parameters are a new wrapping key: the confirmation does not carry over.
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    expect(s.state().fingerprintConfirmedBy).toEqual([]);
    await refused(s.wrap(), 'FINGERPRINT_NOT_CONFIRMED');
    await s.close();
  });
});

describe('nothing replaced silently', () => {
  it('a second Create key needs "another" with a reason, which is recorded', async () => {
    const s = await startedSession(dir, emulator);
    await s.connect({ target: 'emulator' });
    const first = await s.createKey(symmetric);
    await refused(s.createKey(symmetric), 'KEY_ALREADY_CREATED');
    expect(s.state().key?.keyId).toBe(first.keyId);
    expect(s.state().policy['key.create']).toMatchObject({ allowed: true, confirm: { needsReason: true } });
    const second = await s.createKey({
      ...symmetric,
      another: { reason: 'the first one got the wrong alias' },
    });
    expect(second.keyId).not.toBe(first.keyId);
    const created = (await events(s)).filter((e) => e.action === 'key.created');
    expect(created.map((e) => e.details.anotherKeyReason)).toEqual([
      undefined,
      'the first one got the wrong alias',
    ]);
    await s.close();
  });

  it('regenerating material needs a confirmation; the event names the check value replaced', async () => {
    const s = await readyToWrap();
    const first = s.state().material!.checkValue.value;
    await refused(s.generateKeyMaterial(), 'MATERIAL_EXISTS');
    expect(s.state().material!.checkValue.value).toBe(first);
    const second = await s.generateKeyMaterial(true);
    expect(second.checkValue.value).not.toBe(first);
    const generated = (await events(s)).filter((e) => e.action === 'material.generated' && e.result === 'ok');
    expect(generated.at(-1)!.details).toMatchObject({
      replacesCheckValue: first,
      checkValue: second.checkValue.value,
    });
    await s.close();
  });

  it('importing again into the same key needs a confirmation that records the check value in force', async () => {
    const s = await readyToWrap();
    await confirmAndWrap(s);
    const first = await approveAndImport(s, expires(30));
    await refused(approveAndImport(s, expires(30)), 'ALREADY_IMPORTED');
    const again = await approveAndImport(s, expires(30), { reimport: true });
    expect(again.keyMaterialId).toBe(first.keyMaterialId);
    const imports = (await events(s)).filter((e) => e.action === 'material.imported' && e.result === 'ok');
    expect(imports).toHaveLength(2);
    expect(imports[1]!.details).toMatchObject({
      reimportConfirmed: true,
      replacesCheckValue: s.state().material!.checkValue.value,
      checkValue: s.state().material!.checkValue.value,
    });
    await s.close();
  });
});

describe('witness approval of the import', () => {
  it('shows exactly what will be sent, and needs every witness by default', async () => {
    const s = await readyToWrap();
    const wrapped = await confirmAndWrap(s);
    const status = await s.requestImportApproval(expires(90));
    expect(status.request).toMatchObject({
      keyArn: s.state().key!.arn,
      region: s.state().connection!.region,
      account: '111122223333',
      keySpec: 'SYMMETRIC_DEFAULT',
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_2048',
      encryptedKeyMaterialSha256: wrapped.sha256,
      checkValue: { kind: 'AES-CMAC', value: s.state().material!.checkValue.value },
      expirationModel: 'KEY_MATERIAL_EXPIRES',
    });
    expect(status).toMatchObject({
      approvedBy: [],
      needed: 2,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await refused(s.approveImport({ witness: 'Ada Officer', digest: status.digest }), 'NOT_A_WITNESS');
    await s.approveImport({ witness: 'wes witness', digest: status.digest });
    await refused(s.importKeyMaterial(expires(90)), 'IMPORT_NOT_APPROVED');
    expect(s.state().key!.keyState).toBe('PendingImport');
    expect(s.state().policy.import).toMatchObject({
      allowed: false,
      message: expect.stringMatching(/1 of the 2/),
    });
    await s.approveImport({ witness: 'Vic Verifier', digest: status.digest });
    // The same values, however they are spelled, are the approved request.
    const validTo = status.request.validTo!;
    const imported = await s.importKeyMaterial({ expirationModel: 'KEY_MATERIAL_EXPIRES', validTo });
    expect(imported.keyState).toBe('Enabled');
    const approvals = (await events(s)).filter((e) => e.action === 'import.approved');
    expect(approvals.map((e) => e.details.approvedBy)).toEqual(['Wes Witness', 'Vic Verifier']);
    expect(approvals[0]!.details).toMatchObject({ approvalSha256: status.digest, validTo });
    await s.close();
  });

  it('voids the approvals when any value changes: another expiry, a new wrap', async () => {
    const s = await readyToWrap({ ...people, approvals: 1 });
    await confirmAndWrap(s);
    const approved = await approveAll(s, expires(90));
    expect(s.state().approval).toMatchObject({ digest: approved, approvedBy: people.witnesses, needed: 1 });
    // Another expiry than the one approved: refused, nothing sent.
    await refused(s.importKeyMaterial(expires(30)), 'IMPORT_NOT_APPROVED');
    // A new wrap (new EncryptedKeyMaterial): the pending approvals no longer count.
    await s.wrap();
    expect(s.state().approval).toMatchObject({ approvedBy: [], valid: false });
    await refused(s.importKeyMaterial(s.state().approval!.request as never), 'IMPORT_NOT_APPROVED');
    await refused(s.approveImport({ witness: 'Wes Witness', digest: approved }), 'APPROVAL_STALE');
    const fresh = await s.requestImportApproval(expires(90));
    expect(fresh.digest).not.toBe(approved);
    const voided = (await events(s)).find((e) => e.action === 'import.approvals-voided');
    expect(voided?.details).toMatchObject({
      approvalSha256: approved,
      replacedByApprovalSha256: fresh.digest,
    });
    expect(s.state().key!.keyState).toBe('PendingImport');
    await s.close();
  });
});

describe('messages for the people at the table', () => {
  it('a 31-byte key file is refused naming the file, with advice in the app and no shell command', async () => {
    const s = await startedSession(dir, emulator);
    await s.connect({ target: 'emulator' });
    await s.createKey(symmetric);
    const file = path.join(dir, 'short-key.bin');
    writeFileSync(file, Buffer.alloc(31, 7));
    const e = await refused(s.loadKeyMaterial(file, 'raw', null), 'BAD_MATERIAL');
    expect(e.message).toMatch(
      /^short-key\.bin: SYMMETRIC_DEFAULT needs exactly 32 bytes; this material has 31/,
    );
    expect(e.hint).toMatch(/Generate key material/);
    expect(`${e.message} ${e.hint}`).not.toMatch(/openssl|`|kms-ceremony/);
    expect(s.state().material).toBeNull(); // nothing half-done
    await s.finishCeremony('aborted', 'test');
  });
});
