/** Custody steps shared by the custody specs (issue 11): axe on a custody screen, and a reimport from age files. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Ceremony } from './ceremony';
import { transitionsSettled } from './transitions';

const slow = expect.configure({ timeout: 60_000 });

/** The serious or critical axe findings on `page` (their rule ids), once its CSS transitions have settled. */
export async function axeSerious(page: Page): Promise<string[]> {
  await transitionsSettled(page);
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

export interface AgeShareGiven {
  custodian: string;
  file: string;
  unlock: { identity: string } | { passphrase: string };
  /** "share 2 of 3", as the entry page confirms it. */
  share: string;
}

/**
 * Closes the ceremony, then a new one from the start screen's "Reimport key material from backup",
 * the key described (PendingImport), share entry opened with the key record's check value, each custodian
 * opening their age file in the entry page, then parameters and "Rebuild material from shares".
 * Returns the axe findings on the entry page and on the wizard with the shares given.
 */
export async function reimportFromAgeFiles(
  c: Ceremony,
  entry: Page,
  opts: { alias: string; checkValue: string; shares: AgeShareGiven[] },
): Promise<{ entry: string[]; wizard: string[] }> {
  const page = c.page;
  await c.openTranscript();
  await c.finish();
  await c.fillPeople(c.people);
  await c.button('Reimport key material from backup').click();
  await c.heading('Connect');
  await c.idle();
  await c.connectEmulator();
  await expect(page.getByTestId('reimport-intent')).toContainText('Reimport from backup');
  await page.getByRole('radio', { name: `alias/${opts.alias}` }).check();
  await c.button('Describe key').click();
  await slow(page.getByTestId('key-facts')).toContainText('PendingImport');
  await c.idle();
  await page
    .getByRole('textbox', { name: 'Check value on the key’s record (optional)' })
    .fill(opts.checkValue);
  await c.button('Reimport from backup').click();
  await c.heading('Import parameters');
  await c.idle();
  await entry.reload();
  for (const given of opts.shares) {
    await entry.getByRole('textbox', { name: 'Custodian name' }).fill(given.custodian);
    const byIdentity = 'identity' in given.unlock;
    await entry
      .getByTestId('share-unlock')
      .fill('identity' in given.unlock ? given.unlock.identity : given.unlock.passphrase);
    c.bridge.dialogs.answer('open', given.file);
    await entry
      .getByRole('button', { name: `Open age file with ${byIdentity ? 'identity' : 'passphrase'}…` })
      .click();
    await slow(entry.getByTestId('entry-accepted')).toContainText(given.share);
  }
  const entryFindings = await axeSerious(entry);
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_2048' });
  await expect(page.getByTestId('custody-progress')).toContainText(`${opts.shares.length} share(s) given`);
  await c.snap('shares-given');
  const wizardFindings = await axeSerious(page);
  await c.button('Rebuild material from shares').click();
  await slow(page.getByTestId('material-facts')).toContainText('rebuilt from backup shares');
  await c.idle();
  return { entry: entryFindings, wizard: wizardFindings };
}
