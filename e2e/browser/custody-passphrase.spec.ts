/**
 * Custody in the app (issue 11), the custodians' own secrets: one custodian loads their component from a
 * file on their drive (main's file dialog; the page never sees the path or a byte), the material is backed
 * up 2-of-3 with two shares to passphrases the custodians type — twice — in the entry page; then a reimport
 * ceremony rebuilds it from those two passphrase files and imports it (the key is still PendingImport: the
 * expiry cycle itself is custody.spec.ts's). The wizard page's DOM, store and bridge traffic never hold a
 * component, the material or a passphrase, in any encoding.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { checkValue, Secret } from '../../electron/core/crypto';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';
import { axeSerious, reimportFromAgeFiles } from './custody';
import { encodings, rendererHoldings } from './leak-check';

const slow = expect.configure({ timeout: 60_000 });

test('a component from a file, a backup to two typed passphrases, and a reimport from those passphrase files: no secret reaches the wizard', async ({
  page,
  bridge,
}, testInfo) => {
  test.setTimeout(300_000);
  const custodians = ['Carol Custodian', 'Dave Keeper', 'Erin Holder'];
  const passphrases = ['correct horse battery staple', 'tulip granite orbit lantern'];
  const erinsRecipient = await identityToRecipient(await generateIdentity());
  const parts = [randomBytes(32), randomBytes(32)];
  const kcv = (b: Buffer) => checkValue('SYMMETRIC_DEFAULT', Secret.copyOf(b)).value;
  const combined = Buffer.from(parts[0]!.map((b, i) => b ^ parts[1]![i]!));
  const groups = (b: Buffer) => b.toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');
  const axe: Record<string, string[]> = {};

  // Dave's removable drive: his component as hex groups, and a wrong file he might pick first.
  const drive = path.join(bridge.workDir, 'dave-drive');
  mkdirSync(drive);
  writeFileSync(path.join(drive, 'old-component.hex'), `${groups(randomBytes(32))}\n`);
  writeFileSync(path.join(drive, 'component.hex'), `${groups(parts[1]!)}\n`);

  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/custody-passphrase' });
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_2048' });

  // Components: Carol types hers; Dave loads his from his drive through main's file dialog.
  await page.getByRole('textbox', { name: 'Custodian 1', exact: true }).fill(custodians[0]!);
  await page.getByRole('textbox', { name: 'Custodian 2', exact: true }).fill(custodians[1]!);
  await c.button('Start component entry').click();
  await c.idle();
  const entry = await page.context().newPage();
  await entry.goto(bridge.entryUrl);
  await entry.getByTestId('component').fill(groups(parts[0]!));
  await entry.getByTestId('component-check-value').fill(kcv(parts[0]!));
  await entry.getByRole('button', { name: 'Submit component' }).click();
  await expect(entry.getByTestId('entry-accepted')).toContainText(`check value ${kcv(parts[0]!)}`);
  await expect(
    entry.getByRole('heading', { name: `${custodians[1]}: your SYMMETRIC_DEFAULT component` }),
  ).toBeVisible();
  // The wrong file is refused by custodian and file name (never its folder); nothing is kept.
  await entry.getByTestId('component-check-value').fill(kcv(parts[1]!));
  bridge.dialogs.answer('open', path.join(drive, 'old-component.hex'));
  await entry.getByRole('button', { name: 'Load component from file…' }).click();
  const refused = entry.getByTestId('entry-error');
  await expect(refused).toContainText("Dave Keeper's component (file old-component.hex) does not match");
  await expect(refused).not.toContainText(drive);
  await entry.getByTestId('component-check-value').fill(kcv(parts[1]!));
  bridge.dialogs.answer('open', path.join(drive, 'component.hex'));
  await entry.getByRole('button', { name: 'Load component from file…' }).click();
  await expect(entry.getByTestId('entry-accepted')).toContainText(`check value ${kcv(parts[1]!)} (2 of 2)`);
  expect(bridge.dialogs.asked.at(-1)?.title).toBe(
    'Dave Keeper: choose your component file (on your own drive)',
  );
  axe['entry-components'] = await axeSerious(entry);
  await slow(page.getByTestId('custody-progress')).toContainText('2 of 2 components entered');
  await c.button('Combine components').click();
  await slow(page.getByTestId('material-facts')).toContainText('custodian components (XOR)');
  await c.idle();

  // Backup 2-of-3: Carol and Dave to passphrases (typed in the entry page), Erin to her age1… key.
  for (const [i, name] of custodians.entries())
    await page.getByRole('textbox', { name: `Custodian of share ${i + 1}`, exact: true }).fill(name);
  for (const i of [1, 2]) {
    await page.getByRole('combobox', { name: `Form of share ${i}` }).click();
    await page.getByRole('option', { name: 'age file to their passphrase' }).click();
  }
  await page.getByRole('textbox', { name: 'age1… public key of share 3', exact: true }).fill(erinsRecipient);
  const foldersAsked = bridge.dialogs.asked.filter((a) => a.kind === 'folder').length;
  await c.button('Make backup…').click();
  await c.idle();
  await expect(page.getByTestId('custody-progress')).toContainText(
    '0 of 2 passphrases set; next: Carol Custodian',
  );
  expect(bridge.dialogs.asked.filter((a) => a.kind === 'folder')).toHaveLength(foldersAsked);

  await entry.reload();
  const heading = (who: string) =>
    entry.getByRole('heading', { name: `${who}: the passphrase for your backup share` });
  await expect(heading(custodians[0]!)).toBeVisible();
  // Two different typings, then a short one: refused by name, nothing kept, the fields cleared.
  await entry.getByTestId('passphrase').fill(passphrases[0]!);
  await entry.getByTestId('passphrase-again').fill(passphrases[1]!);
  await entry.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(entry.getByTestId('entry-error')).toContainText(
    'The two passphrases typed for Carol Custodian differ',
  );
  await expect(entry.getByTestId('passphrase')).toHaveValue('');
  await entry.getByTestId('passphrase').fill('short');
  await entry.getByTestId('passphrase-again').fill('short');
  await entry.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(entry.getByTestId('entry-error')).toContainText('needs at least 10');
  for (const [i, who] of custodians.slice(0, 2).entries()) {
    await expect(heading(who)).toBeVisible();
    await entry.getByTestId('passphrase').fill(passphrases[i]!);
    await entry.getByTestId('passphrase-again').fill(passphrases[i]!);
    await entry.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(entry.getByTestId('entry-accepted')).toContainText(
      `Passphrase set for ${who} (share ${i + 1} of 3`,
    );
  }
  await expect(entry.getByText('All 2 passphrases are set.', { exact: false })).toBeVisible();
  axe['entry-passphrases'] = await axeSerious(entry);
  await slow(page.getByTestId('custody-progress')).toContainText('2 of 2 passphrases set.');
  await expect(page.getByRole('list', { name: 'Passphrases set' })).toContainText(
    'passphrase set for share 2 of 3',
  );
  await c.snap('passphrases-set');
  axe['passphrases-set'] = await axeSerious(page);

  const backupDir = path.join(bridge.workDir, 'backup');
  mkdirSync(backupDir);
  bridge.dialogs.answer('folder', backupDir);
  await c.button('Write the backup…').click();
  await slow(page.getByTestId('backup-made')).toContainText('any 2 of 3 shares');
  await expect(page.getByTestId('backup-made')).toContainText(
    'Share 1 → Carol Custodian (age file, passphrase)',
  );
  await c.idle();
  await c.snap('backup-made');
  axe['backup-made'] = await axeSerious(page);
  const files = readdirSync(backupDir).sort();
  expect(files).toHaveLength(3);

  const secrets: Record<string, Buffer> = {
    'component 1': parts[0]!,
    'component 2': parts[1]!,
    material: combined,
    ...Object.fromEntries(passphrases.map((p, i) => [`passphrase ${i + 1}`, Buffer.from(p)])),
  };
  const leaks = async (when: string) => {
    const holdings: Record<string, string> = {
      ...(await rendererHoldings(page, bridge)),
      entryDom: await entry.content(),
    };
    for (const [where, text] of Object.entries(holdings))
      for (const [what, bytes] of Object.entries(secrets))
        for (const [encoding, needle] of Object.entries(encodings(bytes)))
          expect(text.includes(needle), `${encoding} of ${what} in ${where} ${when}`).toBe(false);
    expect(holdings.sent).not.toContain(drive);
    expect(holdings.bridge).not.toContain(drive);
  };
  await leaks('after the backup');

  // A reimport ceremony: Carol and Dave open their passphrase files in the entry page.
  const found = await reimportFromAgeFiles(c, entry, {
    alias: 'e2e/custody-passphrase',
    checkValue: kcv(combined),
    shares: [1, 0].map((i) => ({
      custodian: custodians[i]!,
      file: path.join(backupDir, files[i]!),
      unlock: { passphrase: passphrases[i]! },
      share: `share ${i + 1} of 3`,
    })),
  });
  axe['entry-shares'] = found.entry;
  axe['shares-given'] = found.wizard;
  await c.next('Wrap');
  await c.wrap();
  await c.importMaterial({ days: 30 });
  await c.verify();
  await leaks('after the reimport');
  expect(axe).toEqual(Object.fromEntries(Object.keys(axe).map((k) => [k, []])));
  expect(Object.keys(axe)).toHaveLength(6);
});
