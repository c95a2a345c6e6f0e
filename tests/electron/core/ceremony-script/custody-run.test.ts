/**
 * The custody cycle from YAML (issue 11), through the in-process runner against the emulator: a ceremony
 * generates the material, backs it up 2-of-3 (two age recipients, one printed sheet) and imports it for a
 * day; the clock passes the expiry; a second script reimports the key from two age shares and proves it.
 * And HMAC_256 material entered as three custodians' component files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { checkValue, Secret } from '../../../../electron/core/crypto';
import { names, run, tempDir, witnessed, writeScript } from './helpers';

const tmp = tempDir('custody-run');
let emulator: RunningEmulator;
const custodians = ['Carol Custodian', 'Dave Keeper', 'Erin Holder'];

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

const base = () => ({
  ceremony: names,
  ...witnessed,
  target: { emulator: { endpoint: emulator.endpoint } },
  expiration: { validForDays: 1 },
});

describe('kms-ceremony run with custody keys', () => {
  it('generate → backup 2-of-3 → import for a day → expiry → reimport from 2 age shares → proof', async () => {
    const identities = [await generateIdentity(), await generateIdentity()];
    const recipients = await Promise.all(identities.map((i) => identityToRecipient(i)));
    identities.forEach((id, i) => writeFileSync(tmp.at(`id-${i}.key`), `# age-keygen\n${id}\n`));
    const first = writeScript(tmp.dir, 'first.yaml', {
      ...base(),
      key: { create: { keySpec: 'SYMMETRIC_DEFAULT', alias: 'alias/custody-scripted' } },
      material: { generate: true },
      backup: {
        threshold: 2,
        shares: [
          { custodian: custodians[0], recipient: recipients[0] },
          { custodian: custodians[1], recipient: recipients[1] },
          { custodian: custodians[2], sheet: true },
        ],
      },
      output: tmp.at('first'),
    });
    const made = await run({ scriptPath: first });
    expect(made.error).toBeNull();
    expect(made.out).toMatch(/ok +material\.backed-up +backup [0-9A-F-]{19} · 2 of 3/);
    const backupDir = tmp.at('first', 'backup');
    const files = readdirSync(backupDir).sort();
    expect(files.map((f) => path.extname(f))).toEqual(['.age', '.age', '.pdf']);
    for (const f of files) expect(statSync(path.join(backupDir, f)).mode & 0o777).toBe(0o600);
    const generated = made.out.split('\n').find((l) => l.includes('material.generated'))!;
    const kcv = /check value AES-CMAC KCV ([0-9A-F]{6})/.exec(generated)![1]!;
    expect(made.out).toContain(`2 of 3 · AES-CMAC ${kcv}`);

    emulator.advanceClock(2 * 86_400);

    const second = writeScript(tmp.dir, 'second.yaml', {
      ...base(),
      key: { id: 'alias/custody-scripted' },
      material: {
        shares: [
          { custodian: custodians[1], age: path.join(backupDir, files[1]!), identity: tmp.at('id-1.key') },
          { custodian: custodians[0], age: path.join(backupDir, files[0]!), identity: tmp.at('id-0.key') },
        ],
      },
      output: tmp.at('second'),
    });
    const again = await run({ scriptPath: second });
    expect(again.error).toBeNull();
    expect(again.out).toMatch(/ok +material\.share-received +Dave Keeper · share 2 of 3 of backup/);
    expect(again.out).toMatch(/ok +material\.restored/);
    expect(again.out.split('\n').find((l) => l.includes('material.restored'))).toContain(`KCV ${kcv}`);
    expect(again.out).toMatch(/ok +import\.verified/);
    expect(again.result?.outcome).toBe('completed');
  });

  it('HMAC_256 from three custodians’ component files, refusing a wrong check value by name', async () => {
    const parts = custodians.map(() => randomBytes(32));
    const kcv = (b: Buffer) => checkValue('HMAC_256', Secret.copyOf(b)).value;
    const components = custodians.map((custodian, i) => {
      const file = tmp.at(`component-${i}.hex`);
      writeFileSync(file, `${parts[i]!.toString('hex').toUpperCase().match(/.{4}/g)!.join(' ')}\n`);
      return { custodian, file, checkValue: kcv(parts[i]!) };
    });
    const script = (list: typeof components, out: string) =>
      writeScript(tmp.dir, `${out}.yaml`, {
        ...base(),
        key: { create: { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' } },
        material: { components: list },
        output: tmp.at(out),
      });
    const wrong = await run({
      scriptPath: script(
        [components[0]!, { ...components[1]!, checkValue: kcv(parts[0]!) }, components[2]!],
        'wrong',
      ),
    });
    expect(wrong.error?.code).toBe('KCV_MISMATCH');
    // The refusal names the custodian and the file (its base name), as in the app's entry window.
    expect(wrong.out).toMatch(
      /FAIL +material\.component-entered +Dave Keeper's component \(file component-1\.hex\) does not match/,
    );

    const dry = await run({ scriptPath: script(components, 'hmac-dry'), dryRun: true });
    expect(dry.out).toMatch(
      /3 components \(Carol Custodian, Dave Keeper, Erin Holder\) match their check values/,
    );
    const good = await run({ scriptPath: script(components, 'hmac') });
    expect(good.error).toBeNull();
    const xor = Buffer.alloc(32);
    for (const p of parts) for (let i = 0; i < 32; i++) xor[i]! ^= p[i]!;
    expect(good.out).toMatch(new RegExp(`ok +material\\.combined .*${kcv(xor).match(/../g)!.join(' ?')}`));
    const everything = good.out + readFileSync(good.result!.transcriptPath!, 'utf8');
    for (const p of parts) {
      expect(everything).not.toContain(p.toString('hex'));
      expect(everything.toUpperCase()).not.toContain(p.toString('hex').toUpperCase());
    }
  });
});
