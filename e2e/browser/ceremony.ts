/**
 * Drives the wizard the way an officer does, by the controls' accessible names (AWS's vocabulary),
 * and keeps a screenshot of every step as a test artifact.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { BridgeHost } from '../bridge/host';
import { transitionsSettled } from './transitions';

/** KMS work (RSA-4096 wrapping keys, RSA keygen) can take seconds on a busy 2-core machine. */
const slow = expect.configure({ timeout: 60_000 });

export interface People {
  operator: string;
  witnesses: string[];
}

export const DEFAULT_PEOPLE: People = { operator: 'Alice Operator', witnesses: ['Wendy Witness'] };

export interface KeyChoice {
  keySpec: string;
  keyUsage?: string;
  alias: string;
}

export class Ceremony {
  private shots = 0;
  /** Who takes part (set by open / openOffline): the witnesses confirm and approve. */
  people: People = DEFAULT_PEOPLE;
  /** axe violations of impact serious/critical, per step, collected as the ceremony goes. */
  readonly axeFindings: { step: string; id: string; impact: string; nodes: number; first: string }[] = [];

  constructor(
    readonly page: Page,
    readonly bridge: BridgeHost,
    readonly testInfo: TestInfo,
    /** `prefix` names the screenshots when two stations run in one test. */
    readonly options: { axe?: boolean; prefix?: string } = {},
  ) {}

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Screenshot attached to the test, and (optionally) an accessibility scan of the same screen. */
  async snap(name: string): Promise<void> {
    this.shots += 1;
    const prefix = this.options.prefix ? `${this.options.prefix}-` : '';
    const file = `${prefix}${String(this.shots).padStart(2, '0')}-${name}.png`;
    // A screen can show before its action is done (its buttons still disabled, then fading in).
    await this.idle();
    await transitionsSettled(this.page);
    await this.page.screenshot({ path: this.testInfo.outputPath(file), fullPage: true });
    await this.testInfo.attach(file, { path: this.testInfo.outputPath(file), contentType: 'image/png' });
    if (this.options.axe) {
      const result = await new AxeBuilder({ page: this.page }).analyze();
      for (const v of result.violations) {
        if (v.impact === 'serious' || v.impact === 'critical')
          this.axeFindings.push({
            step: `${prefix}${name}`,
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.length,
            first: `${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary ?? ''}`,
          });
      }
    }
  }

  /**
   * Picks `option` in the select labelled `label` and waits until the select shows it. Why the retry: once
   * in CI, under load, a click on an option left MUI's menu open and the value unchanged (ceremony-pkcs12:
   * the Format menu stayed open and every later step timed out behind it).
   */
  async choose(label: string, option: string): Promise<void> {
    const select = this.page.getByRole('combobox', { name: label });
    await expect(async () => {
      if (!(await this.page.getByRole('listbox').isVisible())) await select.click();
      await this.page.getByRole('option', { name: option, exact: true }).click({ timeout: 5_000 });
      await expect(select).toContainText(option, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Waits until no action runs (renderer/src/App.tsx marks the main region `data-busy` meanwhile). */
  async idle(): Promise<void> {
    await expect(this.page.locator('main[data-busy]')).toHaveCount(0, { timeout: 60_000 });
  }

  async heading(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }

  async next(expected: string): Promise<void> {
    await this.button('Next').click();
    await this.heading(expected);
  }

  /** Opens the app on the start screen and starts an online ceremony (operator + one witness). */
  async open(people: People = DEFAULT_PEOPLE): Promise<void> {
    this.people = people;
    await this.page.goto(this.bridge.url);
    await this.heading('Start a ceremony');
    await this.fillPeople(people);
    await this.snap('start');
    await this.button('Start ceremony').click();
    await this.heading('Connect');
    await this.idle();
    await expect(this.page.getByTestId('transcript-button')).toBeVisible();
  }

  async fillPeople({ operator, witnesses }: People): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Operator', exact: true }).fill(operator);
    for (const [i, name] of witnesses.entries()) {
      if (i > 0) await this.button('Add witness').click();
      await this.page.getByRole('textbox', { name: `Witness ${i + 1}`, exact: true }).fill(name);
    }
  }

  /** Offline station: starts from a parameters bundle (file or folder) brought on removable media. */
  async openOffline(input: string, from: 'file' | 'folder', people: People = DEFAULT_PEOPLE): Promise<void> {
    this.people = people;
    await this.page.goto(this.bridge.url);
    await this.heading('Start a ceremony');
    await this.page.getByRole('radio', { name: /^Offline — air-gapped/ }).check();
    await this.fillPeople(people);
    await expect(this.page.getByTestId('environment-banner')).toBeVisible();
    await this.snap('start-offline');
    this.bridge.dialogs.answer(from === 'file' ? 'open' : 'folder', input);
    await this.button(from === 'file' ? 'Choose parameters file…' : 'Choose parameters folder…').click();
  }

  /** The header's Transcript viewer: returns the verification line after it has been shown. */
  async openTranscript(): Promise<string> {
    await this.page.getByTestId('transcript-button').click();
    const verdict = this.page.getByTestId('transcript-verification');
    await expect(verdict).toBeVisible({ timeout: 30_000 });
    await expect(this.page.locator('.MuiDialog-container').first()).toHaveCSS('opacity', '1');
    return (await verdict.textContent()) ?? '';
  }

  /**
   * Finishes the ceremony from the Transcript viewer (or the offline last step): the closed screen, where
   * the record of the closed transcript is saved into `saveRecordTo` if given (its files are returned),
   * then back to the start screen.
   */
  async finish({ saveRecordTo }: { saveRecordTo?: string } = {}): Promise<string[]> {
    await this.button('Finish ceremony').click();
    const dialog = this.page.getByRole('dialog', { name: 'Finish the ceremony?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Finish', exact: true }).click();
    await expect(this.page.getByTestId('finished')).toContainText('is closed');
    await expect(this.page.getByTestId('transcript-button')).toHaveCount(0);
    let files: string[] = [];
    if (saveRecordTo) {
      this.bridge.dialogs.answer('folder', saveRecordTo);
      await this.button('Save the ceremony record…').click();
      await slow(this.page.getByTestId('record-files')).toBeVisible();
      files = (await this.page.getByTestId('record-files').locator('li').allTextContents()).map((f) =>
        f.trim(),
      );
      await this.snap('record');
    }
    await this.button('Back to the start screen').click();
    await this.heading('Start a ceremony');
    return files;
  }

  async connectEmulator(): Promise<void> {
    await this.snap('connect');
    await this.button('Connect').click();
    await slow(this.page.getByTestId('connection-facts')).toContainText('111122223333');
    await this.idle();
    await expect(this.page.getByTestId('environment-banner')).toHaveAttribute('data-kind', 'rehearsal');
    await this.snap('connected');
    await this.next('Key');
  }

  async createKey({ keySpec, keyUsage, alias }: KeyChoice): Promise<void> {
    await this.idle();
    await this.page.getByRole('tab', { name: 'New key' }).click();
    await this.idle();
    if (keySpec !== 'SYMMETRIC_DEFAULT') await this.choose('Key spec', keySpec);
    if (keyUsage) await this.choose('Key usage', keyUsage);
    await this.page.getByLabel('Alias').fill(alias);
    await this.page.getByRole('checkbox', { name: /I understand/ }).check();
    await this.snap('create-key');
    await this.button('Create key').click();
    await slow(this.page.getByTestId('key-facts')).toContainText('PendingImport');
    await expect(this.page.getByTestId('key-facts')).toContainText(keySpec);
    await this.idle();
    await this.snap('key-described');
    await this.next('Import parameters');
  }

  async getParameters(pair?: { algorithm: string; spec: string }): Promise<void> {
    if (pair) {
      await this.page.getByRole('radio', { name: new RegExp(`^${pair.algorithm}( |$)`) }).check();
      await this.page.getByRole('radio', { name: new RegExp(`^${pair.spec}( |$)`) }).check();
    }
    await this.snap('parameters-choice');
    await this.button('Get import parameters').click();
    await slow(this.page.getByTestId('public-key-fingerprint')).toContainText(
      /([0-9A-F]{4} ){15}[0-9A-F]{4}/i,
    );
    await this.idle();
    if (pair) await expect(this.page.getByTestId('parameters-facts')).toContainText(pair.algorithm);
    await this.snap('parameters');
    await this.confirmFingerprint();
    await this.next('Key material');
  }

  /** The first witness confirms the wrapping public key's fingerprint (the policy requires it before Wrap). */
  async confirmFingerprint(): Promise<void> {
    await this.button('Matches — confirmed aloud').click();
    await expect(this.page.getByTestId('fingerprint-confirmation')).toHaveAttribute('data-matched', 'true');
    await this.idle();
  }

  /** Main computes the approval request for the expiry chosen; every witness approves it by name. */
  async approveImport(): Promise<void> {
    await this.button('Request witness approval').click();
    const request = this.page.getByTestId('approval-request');
    await slow(request).toBeVisible();
    for (const witness of this.people.witnesses) {
      await this.button(`Approve as ${witness}`).click();
      await slow(this.button(`Approve as ${witness}`)).toHaveCount(0);
    }
    const n = String(this.people.witnesses.length);
    await expect(this.page.getByTestId('approval-quorum')).toHaveAttribute('data-approved', n);
    await expect(this.page.getByTestId('approval-quorum')).toHaveAttribute('data-needed', n);
    await this.idle();
  }

  /** `replace`: material is already held, and the officers confirm replacing it. */
  async generateMaterial({ replace = false } = {}): Promise<void> {
    await this.button('Generate key material').click();
    if (replace) await this.confirmDialog('Replace the key material?', 'Replace key material');
    await slow(this.page.getByTestId('material-facts')).toContainText('generated');
    await this.idle();
    await this.snap('material');
    await this.next('Wrap');
  }

  /** Returns what the step showed about the material, read before moving on. */
  async loadMaterial(file: string, passphrase?: string, { replace = false } = {}): Promise<string> {
    this.bridge.dialogs.answer('open', file);
    if (passphrase) await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.button('Load key material…').click();
    if (replace) await this.confirmDialog('Replace the key material?', 'Replace with a file…');
    await slow(this.page.getByTestId('material-facts')).toBeVisible();
    await this.idle();
    const facts = (await this.page.getByTestId('material-facts').textContent()) ?? '';
    await this.snap('material');
    await this.next('Wrap');
    return facts;
  }

  async confirmDialog(title: string, confirm: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }

  async wrap(): Promise<void> {
    await this.button('Wrap key material').click();
    await slow(this.page.getByTestId('wrapped-sha256')).toContainText(/SHA-256 [0-9A-F]{4} /);
    await this.idle();
    await this.snap('wrapped');
    await this.next('Import');
  }

  async importMaterial(expiration: { days: 30 | 90 | 180 | 365 } | { justification: string }): Promise<void> {
    if ('days' in expiration) {
      await this.button(`${expiration.days} days`).click();
    } else {
      await this.page.getByRole('radio', { name: 'Key material does not expire' }).check();
      await this.page.getByLabel(/Justification/).fill(expiration.justification);
    }
    await this.approveImport();
    await this.snap('import-summary');
    await this.button('Import key material').click();
    await slow(this.page.getByTestId('import-result')).toContainText('Enabled');
    await this.idle();
    await this.snap('imported');
  }

  async verify(): Promise<string> {
    await this.next('Verify');
    await this.button('Verify import').click();
    const result = this.page.getByTestId('verification');
    await slow(result).toContainText('Verified: KMS holds exactly this key material');
    await this.idle();
    await this.snap('verified');
    const id = (await result.locator('dd').nth(1).textContent()) ?? '';
    return id.trim();
  }
}
