/**
 * Scripted ceremonies through the runner, in-process, against the emulator listening on a port (the same
 * HTTP path as the standalone `kms-ceremony emulator`; tests/electron/cli/commands/run.test.ts spawns it).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  promises as fs,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { loadOrCreateStationKey, verifyTranscript } from '../../../../electron/core/transcript';
import { names, run, tempDir, witnessed, writeScript } from './helpers';

const tmp = tempDir('script-run');
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

const target = () => ({ emulator: { endpoint: emulator.endpoint } });
const oneGo = (extra: Record<string, unknown>) => ({
  ceremony: names,
  ...witnessed,
  target: target(),
  material: { generate: true },
  expiration: { validForDays: 30 },
  ...extra,
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function stepLines(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => /^ {2}(ok|FAIL) /.test(l))
    .map((l) => l.trim().split(/ +/).slice(0, 2).join(' '));
}

describe('kms-ceremony run (in-process runner)', () => {
  it('runs an RSA_2048 ceremony in one go from an encrypted PKCS#8 file, never printing or recording secrets', async () => {
    const dir = tmp.at('one-go');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const passphrase = 'correct horse battery staple';
    const pem = privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    }) as string;
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const script = writeScript(tmp.dir, 'one-go.yaml', {
      ceremony: names,
      ...witnessed,
      target: target(),
      key: { create: { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', alias: 'alias/scripted-rsa' } },
      material: { file: 'one-go-material/key.pem', passphraseFile: 'one-go-material/pass.txt' },
      expiration: { doesNotExpire: { justification: 'rehearsal of an escrowed signing key' } },
      output: 'one-go',
    });
    const materialDir = tmp.at('one-go-material');
    mkdirSync(materialDir);
    writeFileSync(path.join(materialDir, 'key.pem'), pem);
    writeFileSync(path.join(materialDir, 'pass.txt'), `${passphrase}\n`);

    const { result, error, out } = await run({ scriptPath: script });
    expect(error).toBeNull();
    expect(result).toMatchObject({ mode: 'one-go', outcome: 'completed' });
    expect(stepLines(out)).toEqual([
      'ok ceremony.started',
      'ok kms.connected',
      'ok key.created',
      'ok parameters.fetched',
      'ok fingerprint.confirmed',
      'ok material.loaded',
      'ok material.wrapped',
      'ok import.approval-requested',
      'ok import.approved',
      'ok material.imported',
      'ok import.verified',
      'ok ceremony.completed',
      'ok record.written',
    ]);
    expect(out).toMatch(/parameters\.fetched +RSA_AES_KEY_WRAP_SHA_256\/RSA_4096 \(recommended\)/);
    expect(out).toMatch(/material\.imported +KEY_MATERIAL_DOES_NOT_EXPIRE .* Enabled/);
    // What the witnesses approved is printed: the values ImportKeyMaterial sent and their digest.
    expect(out).toMatch(
      /import\.approval-requested +arn:aws:kms:\S+ · .* · RSA_2048 · .*EncryptedKeyMaterial SHA-256 [0-9a-f]{64} .* approval SHA-256 [0-9a-f]{64}/,
    );
    expect(out).toMatch(/import\.approved +Wes Witness · 1 of 1/);
    expect(out).toMatch(/verify-transcript: intact: \d+ events \(ceremony closed\)/);

    const text = readFileSync(result!.transcriptPath!, 'utf8');
    const stationKey = await loadOrCreateStationKey(path.join(dir, 'station-key'));
    expect(verifyTranscript(text, { trustedKeys: [stationKey.publicKeyPem] })).toMatchObject({
      intact: true,
      complete: true,
    });
    expect(result!.files.filter((f) => /-record\.(html|pdf|json)$/.test(f))).toHaveLength(3);
    // Neither the passphrase nor any run of the private key's DER appears in what was printed or written.
    const secretProbe = der.subarray(der.length - 48).toString('base64');
    for (const haystack of [out, text, ...filesUnder(dir).map((f) => readFileSync(f, 'latin1'))]) {
      expect(haystack).not.toContain(passphrase);
      expect(haystack).not.toContain(secretProbe);
      expect(haystack).not.toContain(der.subarray(der.length - 48).toString('hex'));
    }
  });

  it('re-imports the same material into an existing key named by alias, and aborts on different material', async () => {
    const material = (name: string) => {
      writeFileSync(tmp.at(name), `${randomBytes(32).toString('hex')}\n`);
      return { file: name, format: 'hex' };
    };
    const first = material('hmac-a.hex');
    const created = await run({
      scriptPath: writeScript(
        tmp.dir,
        'hmac-create.yaml',
        oneGo({
          key: { create: { keySpec: 'HMAC_256', alias: 'alias/scripted-hmac' } },
          material: first,
          output: 'hmac-1',
        }),
      ),
    });
    expect(created.error).toBeNull();
    const again = oneGo({
      key: { id: 'alias/scripted-hmac', keySpec: 'HMAC_256' },
      material: first,
      output: 'hmac-2',
    });
    const reimported = await run({ scriptPath: writeScript(tmp.dir, 'hmac-again.yaml', again) });
    expect(reimported.error).toBeNull();
    expect(reimported.out).toMatch(/key\.described +\S+ · HMAC_256 GENERATE_VERIFY_MAC · Enabled/);
    expect(/check value HMAC KCV (\S+)/.exec(reimported.out)![1]).toBe(
      /check value HMAC KCV (\S+)/.exec(created.out)![1],
    );

    const other = { ...again, material: material('hmac-b.hex'), output: 'hmac-3' };
    const refused = await run({ scriptPath: writeScript(tmp.dir, 'hmac-other.yaml', other) });
    expect(refused.error).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(refused.out).toMatch(/FAIL +material\.imported/);
    expect(refused.out).toMatch(/ceremony \S+ aborted/);

    // The declared key spec is checked twice: against the material file before anything starts …
    const wrongSpec = { ...again, key: { id: 'alias/scripted-hmac', keySpec: 'HMAC_512' }, output: 'hmac-4' };
    const early = await run({ scriptPath: writeScript(tmp.dir, 'hmac-spec.yaml', wrongSpec) });
    expect(early.error).toMatchObject({ code: 'BAD_MATERIAL' });
    expect(existsSync(tmp.at('hmac-4'))).toBe(false);
    // … and against the key KMS describes.
    const generated = { ...wrongSpec, material: { generate: true } };
    const late = await run({ scriptPath: writeScript(tmp.dir, 'hmac-spec2.yaml', generated) });
    expect(late.error).toMatchObject({ code: 'KEY_SPEC_MISMATCH' });
    expect(late.out).toMatch(/ceremony \S+ aborted/);
  });

  it('counts validForDays on the emulator clock when the emulator runs ahead (--time-offset)', async () => {
    const ahead = await startEmulator({
      dataDir: tmp.at('kms-ahead'),
      port: 0,
      timeOffsetSeconds: 30 * 86_400,
    });
    try {
      const script = writeScript(
        tmp.dir,
        'ahead.yaml',
        oneGo({
          target: { emulator: { endpoint: ahead.endpoint } },
          key: { create: { keySpec: 'HMAC_224' } },
          expiration: { validForDays: 10 },
          output: 'ahead',
        }),
      );
      // The emulator's clock comes with its answers (HTTP Date, through the SDK): no fetch, no clock endpoint.
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const { error, out } = await run({ scriptPath: script }).finally(() => fetchSpy.mockRestore());
      expect(error).toBeNull();
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(ahead.testClock).toBeNull();
      const until = /material\.imported +KEY_MATERIAL_EXPIRES until (\S+) (\S+) UTC/.exec(out)!;
      const validTo = new Date(`${until[1]}T${until[2]}Z`);
      // 10 days after the KMS clock (30 days ahead), not after this machine's clock.
      expect(Math.abs(validTo.getTime() - (Date.now() + 40 * 86_400_000))).toBeLessThan(120_000);
    } finally {
      await ahead.close();
    }
  });

  it('refuses an incompatible wrapping before creating a key or opening a ceremony', async () => {
    const script = writeScript(
      tmp.dir,
      'incompatible.yaml',
      oneGo({
        key: { create: { keySpec: 'RSA_3072', keyUsage: 'ENCRYPT_DECRYPT' } },
        wrapping: { algorithm: 'RSAES_OAEP_SHA_256' },
        output: 'incompatible',
      }),
    );
    const { error, out } = await run({ scriptPath: script });
    expect(error).toMatchObject({ code: 'INCOMPATIBLE' });
    expect(error!.hint).toMatch(/RSA_AES_KEY_WRAP_SHA_256/);
    expect(stepLines(out)).toEqual([]);
    expect(existsSync(tmp.at('incompatible'))).toBe(false);
  });

  it('aborts the ceremony in its transcript when a step fails, and says why', async () => {
    const script = writeScript(
      tmp.dir,
      'missing-key.yaml',
      oneGo({ key: { id: 'alias/does-not-exist' }, output: 'missing-key' }),
    );
    const { error, out } = await run({ scriptPath: script });
    expect(error).toMatchObject({ code: 'NotFoundException' });
    expect(out).toMatch(/FAIL +key\.described +.*alias\/does-not-exist/);
    const aborted = /ceremony (\S+) aborted; transcript (\S+)/.exec(out);
    expect(aborted).not.toBeNull();
    const lines = readFileSync(aborted![2]!, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { action: string; details: { reason: string } };
    expect(last.action).toBe('ceremony.aborted');
    expect(last.details.reason).toMatch(/^NotFoundException: /);
  });

  it.each([
    [
      'no fingerprint entry',
      { fingerprint: undefined },
      'FINGERPRINT_NOT_CONFIRMED',
      /FAIL +material\.wrapped/,
    ],
    ['no approvedBy entry', { approvedBy: undefined }, 'IMPORT_NOT_APPROVED', /FAIL +material\.imported/],
    [
      'one approval of the two witnesses (default quorum: every witness)',
      { ceremony: { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Vic Verifier'] } },
      'IMPORT_NOT_APPROVED',
      /import\.approved +Wes Witness · 1 of 2/,
    ],
    ['the operator as approver', { approvedBy: ['ada officer'] }, 'NOT_A_WITNESS', /FAIL +import\.approved/],
  ])('honours the ceremony policy: %s is refused, nothing imported', async (name, change, code, printed) => {
    const output = `policy-${code}-${name.length}`;
    const script: Record<string, unknown> = {
      ...oneGo({ key: { create: { keySpec: 'SYMMETRIC_DEFAULT' } }, output }),
      ...change,
    };
    for (const [k, v] of Object.entries(script)) if (v === undefined) delete script[k];
    const { error, out } = await run({ scriptPath: writeScript(tmp.dir, `${output}.yaml`, script) });
    expect(error).toMatchObject({ code });
    expect(out).toMatch(printed);
    expect(out).not.toMatch(/ok +material\.imported/);
    expect(out).toMatch(/ceremony \S+ aborted/);
  });

  it('accepts approvals: M of the witnesses', async () => {
    const { error, out } = await run({
      scriptPath: writeScript(
        tmp.dir,
        'quorum.yaml',
        oneGo({
          ceremony: { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Vic Verifier'], approvals: 1 },
          key: { create: { keySpec: 'SYMMETRIC_DEFAULT' } },
          output: 'quorum',
        }),
      ),
    });
    expect(error).toBeNull();
    expect(out).toMatch(/import\.approved +Wes Witness · 1 of 1/);
    expect(out).toMatch(/ok +material\.imported/);
  });

  it('reads its station key and writes its transcript on its own thread (no fs.promises)', async () => {
    const dir = tmp.at('blocking-io');
    mkdirSync(dir);
    const scriptPath = writeScript(
      dir,
      'blocking.yaml',
      oneGo({ key: { create: { keySpec: 'SYMMETRIC_DEFAULT' } }, output: 'out' }),
    );
    await loadOrCreateStationKey(path.join(dir, 'out', 'station-key')); // created once beforehand
    const calls = (['open', 'readFile', 'writeFile', 'stat', 'mkdir'] as const).map((name) =>
      vi.spyOn(fs, name),
    );
    const { error, result } = await run({ scriptPath });
    expect(error).toBeNull();
    expect(result?.files.some((f) => f.endsWith('-record.pdf'))).toBe(true);
    const touched = calls.flatMap((spy) => spy.mock.calls.map((c) => String(c[0])));
    vi.restoreAllMocks();
    const ours = touched.filter((f) => f.startsWith(dir)).map((f) => path.relative(dir, f));
    expect(ours.filter((f) => /station-key|transcripts/.test(f))).toEqual([]);
    // The record's three files do go through the thread pool, where their fsyncs overlap (write-record.ts).
    expect(ours.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });

  it('splits at the air gap: the token stays online, a bad wrapped bundle leaves the ceremony open, the good one completes it', async () => {
    const onlineData = tmp.at('online-station');
    const offlineData = tmp.at('offline-station');
    const onlineScript = writeScript(tmp.dir, 'air-online.yaml', {
      ceremony: names,
      approvedBy: ['Wes Witness'],
      target: target(),
      key: { create: { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' } },
      expiration: { validForDays: 180 },
      output: 'air-online-out',
    });
    const first = await run({ scriptPath: onlineScript, until: 'parameters', dataDir: onlineData });
    expect(first.error).toBeNull();
    expect(first.result).toMatchObject({ outcome: 'stopped-at-air-gap' });
    expect(first.out).toMatch(/verify-transcript: intact: \d+ events \(ceremony open\)/);
    const ceremonyId = first.result!.ceremonyId!;
    const pendingFile = path.join(onlineData, 'pending', `${ceremonyId}.json`);
    expect(statSync(pendingFile).mode & 0o777).toBe(0o600);
    const token = (JSON.parse(readFileSync(pendingFile, 'utf8')) as { importToken: string }).importToken;
    const bundle = path.join(tmp.at('air-online-out'), `${ceremonyId}-parameters`);
    for (const f of filesUnder(bundle)) {
      expect(readFileSync(f, 'latin1')).not.toContain(token);
      expect(readFileSync(f).includes(Buffer.from(token, 'base64'))).toBe(false);
    }
    const words = /fingerprint to read aloud on the offline station: (.+)/.exec(first.out)![1]!;

    const offlineScript = writeScript(tmp.dir, 'air-offline.yaml', {
      ceremony: names,
      station: 'offline',
      parameters: `air-online-out/${ceremonyId}-parameters`,
      fingerprint: { witness: 'Wes Witness', heardWords: words },
      material: { generate: true },
      output: 'usb',
    });
    const second = await run({ scriptPath: offlineScript, dataDir: offlineData });
    expect(second.error).toBeNull();
    expect(second.result).toMatchObject({ outcome: 'wrapped', ceremonyId });
    expect(stepLines(second.out)).toContain('ok fingerprint.confirmed');
    const checkValue = /material\.generated +.* check value SPKI SHA-256 ([0-9A-F ]+)/
      .exec(second.out)![1]!
      .trim();
    const wrapped = path.join(tmp.at('usb'), `${ceremonyId}-wrapped`);

    const corrupt = tmp.at('usb', 'corrupt-wrapped');
    cpSync(wrapped, corrupt, { recursive: true });
    const blobFile = path.join(corrupt, 'EncryptedKeyMaterial.bin');
    const blob = readFileSync(blobFile);
    blob[10] = blob[10]! ^ 0xff;
    writeFileSync(blobFile, blob);
    const bad = await run({ scriptPath: onlineScript, fromWrappedBundle: corrupt, dataDir: onlineData });
    expect(bad.error).toMatchObject({ code: 'BUNDLE_CORRUPT' });
    expect(bad.out).toMatch(/left open \(nothing imported\)/);
    expect(existsSync(pendingFile)).toBe(true);

    const third = await run({ scriptPath: onlineScript, fromWrappedBundle: wrapped, dataDir: onlineData });
    expect(third.error).toBeNull();
    expect(third.result).toMatchObject({ outcome: 'completed', ceremonyId });
    expect(third.out).toMatch(new RegExp(`bundle\\.read +.*offline check value SPKI SHA-256 ${checkValue}`));
    expect(third.out).toMatch(/import\.verified +.*PASS/);
    expect(existsSync(pendingFile)).toBe(false);

    const text = readFileSync(third.result!.transcriptPath!, 'utf8');
    const keys = await Promise.all(
      [onlineData, offlineData].map((d) => loadOrCreateStationKey(path.join(d, 'station-key'))),
    );
    const verified = verifyTranscript(text, { trustedKeys: keys.map((k) => k.publicKeyPem) });
    expect(verified).toMatchObject({ intact: true, complete: true });
    const actions = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string; result: string }).action);
    expect(actions.filter((a) => a === 'ceremony.resumed')).toHaveLength(2);
    expect(actions).toContain('transcript.segment-merged');
    expect(actions.at(-1)).toBe('ceremony.completed');

    const again = await run({ scriptPath: onlineScript, fromWrappedBundle: wrapped, dataDir: onlineData });
    expect(again.error).toMatchObject({ code: 'NO_PENDING_CEREMONY' });
  });
});
