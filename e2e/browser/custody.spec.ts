/**
 * Custody in the app (issue 11), in Chromium through the bridge: two custodians enter their components in
 * the entry page (the wizard page's DOM, store and bridge traffic never hold them), the material is backed
 * up 2-of-3 (two age files, one sheet printed on the bridge's virtual printer and read back with pdftotext;
 * a cancelled print first leaves no backup and no file), imported and proven; after the
 * emulator clock passes the expiry, a new ceremony reimports the key from two custodians' age shares.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { checkValue, Secret } from '../../electron/core/crypto';
import { decryptShare } from '../../electron/core/custody';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';
import { axeSerious, reimportFromAgeFiles } from './custody';
import { encodings, rendererHoldings } from './leak-check';

const slow = expect.configure({ timeout: 60_000 });

test('components in the entry page, 2-of-3 backup, import, expiry, reimport from two age shares: no component or share reaches the wizard', async ({
  page,
  bridge,
}, testInfo) => {
  test.setTimeout(300_000);
  const custodians = ['Carol Custodian', 'Dave Keeper', 'Erin Holder'];
  const identities = [await generateIdentity(), await generateIdentity()];
  const recipients = await Promise.all(identities.map((i) => identityToRecipient(i)));
  const parts = [randomBytes(32), randomBytes(32)];
  const kcv = (b: Buffer) => checkValue('SYMMETRIC_DEFAULT', Secret.copyOf(b)).value;
  const combined = Buffer.from(parts[0]!.map((b, i) => b ^ parts[1]![i]!));
  const groups = (b: Buffer) => b.toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');

  // axe scans the new custody screens (below); the rest of the wizard is scanned by the other specs.
  const c = new Ceremony(page, bridge, testInfo);
  const axeFindings: Record<string, string[]> = {};
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/custody' });
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_2048' });

  // Components: the officers name the custodians; each types in the entry page.
  await page.getByRole('textbox', { name: 'Custodian 1', exact: true }).fill(custodians[0]!);
  await page.getByRole('textbox', { name: 'Custodian 2', exact: true }).fill(custodians[1]!);
  await c.button('Start component entry').click();
  await c.idle();
  const entry = await page.context().newPage();
  await entry.goto(bridge.entryUrl);
  for (const [i, part] of parts.entries()) {
    await expect(
      entry.getByRole('heading', { name: `${custodians[i]}: your SYMMETRIC_DEFAULT component` }),
    ).toBeVisible();
    await entry.getByTestId('component').fill(groups(part));
    await entry.getByTestId('component-check-value').fill(kcv(part));
    await entry.getByRole('button', { name: 'Submit component' }).click();
    await expect(entry.getByTestId('entry-accepted')).toContainText(`check value ${kcv(part)}`);
    // The field is cleared on submit; after the last component the form gives way to a note.
    if (i < parts.length - 1) await expect(entry.getByTestId('component')).toHaveValue('');
    else await expect(entry.getByText('All 2 components are in.', { exact: false })).toBeVisible();
  }
  axeFindings['entry-components'] = await axeSerious(entry);
  await expect(page.getByTestId('custody-progress')).toContainText('2 of 2 components entered', {
    timeout: 10_000,
  });
  await c.snap('components-entered');
  axeFindings['components-entered'] = await axeSerious(page);
  await c.button('Combine components').click();
  await slow(page.getByTestId('material-facts')).toContainText('custodian components (XOR)');
  await expect(page.getByTestId('material-facts')).toContainText(kcv(combined).replace(/(..)(..)(..)/, '$1'));
  await c.idle();

  // Backup 2-of-3: two age files, one printed sheet — printed on the bridge's virtual printer, never saved.
  const backupDir = path.join(bridge.workDir, 'backup');
  mkdirSync(backupDir);
  for (const [i, name] of custodians.entries())
    await page.getByRole('textbox', { name: `Custodian of share ${i + 1}`, exact: true }).fill(name);
  for (const [i, r] of recipients.entries())
    await page.getByRole('textbox', { name: `age1… public key of share ${i + 1}`, exact: true }).fill(r);
  await page.getByRole('combobox', { name: 'Form of share 3' }).click();
  await page.getByRole('option', { name: 'printed share sheet' }).click();
  await expect(page.getByRole('checkbox', { name: 'Also save sheet 3 as a PDF file' })).not.toBeChecked();
  // First try: the custodian cancels the print dialog and the officers do not print again. No backup.
  bridge.dialogs.answer('folder', backupDir);
  bridge.printer.answer('cancelled');
  bridge.dialogs.answer('confirm', false);
  await c.button('Make backup…').click();
  await slow(page.getByTestId('error-backup')).toContainText(
    'No backup was made: share 3 of 3 for Erin Holder was not printed',
  );
  await c.idle();
  expect(bridge.dialogs.asked.at(-1)).toMatchObject({
    kind: 'confirm',
    message: 'Printing share 3 of 3 for Erin Holder was cancelled.',
  });
  await expect(page.getByTestId('backup-made')).toHaveCount(0);
  await expect(page.getByTestId('error-backup')).toContainText(
    'Check the printer, then make the backup again.',
  );
  expect(readdirSync(backupDir)).toEqual([]);
  expect(pdfFilesUnder(bridge.workDir)).toEqual([]);
  await c.snap('backup-abandoned');
  axeFindings['backup-abandoned'] = await axeSerious(page);
  // Second try: printed, and the officers confirm Erin holds the sheet; then the age files are written.
  bridge.dialogs.answer('folder', backupDir);
  bridge.dialogs.answer('confirm', true);
  await c.button('Make backup…').click();
  await slow(page.getByTestId('backup-made')).toContainText('any 2 of 3 shares');
  await expect(page.getByTestId('backup-made')).toContainText(
    'Share 3 → Erin Holder (printed sheet, not saved)',
  );
  await c.idle();
  expect(bridge.dialogs.asked.at(-1)).toMatchObject({
    kind: 'confirm',
    message: `Does Erin Holder hold share 3 of 3 (check value AES-CMAC ${kcv(combined)})?`,
  });
  await c.snap('backup-made');
  axeFindings['backup-made'] = await axeSerious(page);
  // On disk: the two age files only. The sheet exists only as the printer's job (the stand-in for paper).
  const files = readdirSync(backupDir).sort();
  expect(files.map((f) => path.extname(f))).toEqual(['.age', '.age']);
  const printed = bridge.printer.jobs.filter((j) => j.outcome.printed);
  expect(bridge.printer.jobs.map((j) => j.title)).toEqual([
    'Share 3 of 3 for Erin Holder',
    'Share 3 of 3 for Erin Holder',
  ]);
  expect(printed).toHaveLength(1);
  expect(statSync(printed[0]!.file!).mode & 0o777).toBe(0o600);
  expect(pdfFilesUnder(bridge.workDir)).toEqual([printed[0]!.file]);
  const sheet = execFileSync('pdftotext', ['-layout', printed[0]!.file!, '-'], { encoding: 'utf8' });
  const uiState = JSON.parse(await page.evaluate(() => window.__ceremonyUiState?.() ?? '{}')) as {
    session?: { ceremony?: { ceremonyId?: string } };
  };
  const ceremonyId = uiState.session?.ceremony?.ceremonyId ?? '';
  expect(ceremonyId).not.toBe('');
  expect(sheet).toContain(`Ceremony: ${ceremonyId}`);
  expect(sheet).toContain('KeySpec: SYMMETRIC_DEFAULT');
  expect(sheet).toContain(`Check value: AES-CMAC ${kcv(combined)}`);
  expect(sheet).toContain('Share 3 of 3');
  expect(sheet).toContain('Share: 3 of 3, threshold 2');
  expect(sheet).toMatch(/Checksum: [0-9A-F]{4}-[0-9A-F]{4}/);
  // The share as numbered lines of hex groups, each with its checksum: 33 bytes in 3 lines (pdftotext
  // prints the sheet's double spaces as one).
  const shareLines = [...sheet.matchAll(/^\s*(\d{2}) +((?:[0-9A-F]{2,4} +)+)\| ([0-9A-F]{4})\s*$/gm)];
  expect(shareLines.map((m) => m[1])).toEqual(['01', '02', '03']);
  const printedShare = Buffer.from(shareLines.map((m) => m[2]!.replace(/ /g, '')).join(''), 'hex');
  expect(printedShare).toHaveLength(33);
  const shares = await Promise.all(
    [0, 1].map((i) =>
      decryptShare(
        readFileSync(path.join(backupDir, files[i]!)),
        { identity: Secret.copyOf(Buffer.from(identities[i]!)) },
        'f',
      ),
    ),
  );

  await c.next('Wrap');
  await c.wrap();
  await c.importMaterial({ days: 30 });
  await c.verify();

  // Nothing of the components, the material or the shares is in the wizard page, its store or its traffic.
  const secrets: Record<string, Buffer> = {
    'component 1': parts[0]!,
    'component 2': parts[1]!,
    material: combined,
    'share 1': shares[0]!.bytes.use((b) => Buffer.from(b)),
    'share 2': shares[1]!.bytes.use((b) => Buffer.from(b)),
    'share 3 (printed sheet)': printedShare,
    'share 3 sheet (the PDF printed)': readFileSync(printed[0]!.file!),
  };
  const holdings: Record<string, string> = {
    ...(await rendererHoldings(page, bridge)),
    entryDom: await entry.content(),
  };
  expect(holdings.store).toContain('"backups"');
  for (const [where, text] of Object.entries(holdings))
    for (const [what, bytes] of Object.entries(secrets))
      for (const [encoding, needle] of Object.entries(encodings(bytes)))
        expect(text.includes(needle), `${encoding} of ${what} in ${where}`).toBe(false);

  // A month later: the material has expired; a new ceremony brings it back from two shares.
  (await bridge.emulator()).advanceClock(31 * 86_400);
  // From the start screen: "Reimport key material from backup" opens the ceremony with that purpose.
  const found = await reimportFromAgeFiles(c, entry, {
    alias: 'e2e/custody',
    checkValue: kcv(combined),
    shares: [1, 0].map((i) => ({
      custodian: custodians[i]!,
      file: path.join(backupDir, files[i]!),
      unlock: { identity: identities[i]! },
      share: `share ${i + 1} of 3`,
    })),
  });
  axeFindings['entry-shares'] = found.entry;
  axeFindings['shares-given'] = found.wizard;
  await c.next('Wrap');
  await c.wrap();
  // The emulator runs 31 days ahead of this machine: a year from here is within its 365-day window.
  await c.importMaterial({ days: 365 });
  await c.verify();
  const after = await rendererHoldings(page, bridge);
  for (const [where, text] of Object.entries(after))
    for (const [what, bytes] of Object.entries(secrets))
      for (const needle of Object.values(encodings(bytes)))
        expect(text.includes(needle), `${what} in ${where} after the reimport`).toBe(false);
  for (const s of shares) s.bytes.wipe();
  expect(Object.values(axeFindings).flat()).toEqual([]);
  expect(Object.keys(axeFindings)).toHaveLength(6);
});

/** Every PDF file under `dir` (the printer's spool included): a sheet must exist nowhere else. */
function pdfFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.pdf'))
    .map((e) => path.join(e.parentPath, e.name));
}
