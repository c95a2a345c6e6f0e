import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { bundleIn, startStation, windowsCopy } from './air-gap';
import { Ceremony } from './ceremony';

const slow = { timeout: 60_000 };

test('air-gapped ceremony across two stations: parameters bundle out, witness checks the words, wrapped bundle back, import verified against the offline check value, one intact transcript', async ({
  page,
  bridge,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const media = path.join(bridge.workDir, 'removable-media');
  const records = path.join(bridge.workDir, 'records');
  mkdirSync(media);
  mkdirSync(records);
  const offline = await startStation(browser);
  try {
    const on = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'online' });
    const off = new Ceremony(offline.page, offline.bridge, testInfo, { axe: true, prefix: 'offline' });

    // ── online: key, parameters, parameters bundle onto the media ──
    await on.open({ operator: 'Alice Operator', witnesses: ['Wendy Witness', 'Victor Witness'] });
    await on.connectEmulator();
    await on.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/air-gap' });
    await on.button('Get import parameters').click();
    const onlineFingerprint = page.getByTestId('public-key-fingerprint');
    await expect(onlineFingerprint).toContainText(/([0-9A-F]{4} ){15}[0-9A-F]{4}/i, slow);
    await on.idle();
    // The words as the numbered grid shows them (1–32), the same grid on the offline station.
    const wordsList = await onlineFingerprint.locator('.pgp-word').allTextContents();
    expect(wordsList).toHaveLength(32);
    const words = wordsList.join(' ');
    const gridOf = (p: typeof page) =>
      p.getByTestId('public-key-fingerprint').locator('.pgp-word').allTextContents();
    bridge.dialogs.answer('folder', media);
    await on.button('Save parameters bundle…').click();
    await expect(page.getByTestId('parameters-bundle-saved')).toContainText('manifest.json', slow);
    await on.idle();
    await on.snap('parameters-bundle');
    const parametersBundle = bundleIn(media, '-parameters');
    const keyArn = await page.evaluate(
      () =>
        (JSON.parse(window.__ceremonyUiState!()) as { session: { key: { arn: string } } }).session.key.arn,
    );
    expect(keyArn).toMatch(/^arn:aws:kms:/);

    // ── offline: start from the bundle; the banner says air-gapped on every screen ──
    // The offline station's own team: its witness confirms the fingerprint there (policy: a named witness).
    await off.openOffline(parametersBundle, 'folder', {
      operator: 'Olga Operator',
      witnesses: ['Victor Witness'],
    });
    await off.heading('Parameters');
    const banner = offline.page.getByTestId('environment-banner');
    await expect(banner).toHaveAttribute('data-kind', 'offline');
    await expect(banner).toHaveText('Offline — air-gapped: this station makes no network connection');
    const loaded = offline.page.getByTestId('loaded-parameters');
    await expect(loaded).toContainText('SYMMETRIC_DEFAULT');
    await expect(loaded).toContainText('RSAES_OAEP_SHA_256');
    await expect(loaded).toContainText('RSA_4096');
    await expect(loaded).toContainText(keyArn);
    await expect(offline.page.getByTestId('parameters-fixes')).toHaveAttribute('data-count', '0');
    expect(await gridOf(offline.page)).toEqual(wordsList);
    await off.snap('parameters');

    // A Windows copy of the same bundle: loads, with every fix listed, and the same fingerprint.
    const copied = windowsCopy(parametersBundle, path.join(bridge.workDir, 'windows-copy'));
    offline.bridge.dialogs.answer('folder', copied);
    await off.button('Load other parameters (folder)…').click();
    const fixes = offline.page.getByTestId('parameters-fixes');
    await expect(fixes).not.toHaveAttribute('data-count', '0', slow);
    await expect(fixes).toContainText('WrappingPublicKey.bin');
    await expect(fixes).toContainText(/base64/i);
    await expect(fixes).toContainText('manifest.json');
    await expect(fixes).toContainText(/\d+ bytes\s*SHA-256 [0-9A-F]{4} /);
    expect(await gridOf(offline.page)).toEqual(wordsList);
    await off.idle();
    await off.snap('windows-copy-fixes');

    // The witness types the words read aloud at the online station: one wrong word first, then right.
    const misheard = [...wordsList.slice(0, 5), wordsList[6]!, ...wordsList.slice(6)].join(' ');
    await offline.page.getByRole('textbox', { name: 'Witness', exact: true }).fill('Victor Witness');
    await offline.page.getByLabel('Words as heard on the other station').fill(misheard);
    await off.button('Check the words').click();
    const confirmation = offline.page.getByTestId('fingerprint-confirmation');
    await expect(confirmation).toHaveAttribute('data-matched', 'false');
    await expect(confirmation).toContainText(/word 6/i);
    await offline.page.getByLabel('Words as heard on the other station').fill(words);
    await off.button('Check the words').click();
    await expect(confirmation).toHaveAttribute('data-matched', 'true');
    await expect(confirmation).toContainText('Victor Witness');
    await off.idle();
    await off.snap('fingerprint-confirmed');

    // ── offline: material, wrap, wrapped bundle onto the media, finish ──
    await off.next('Key material');
    await expect(offline.page.getByRole('button', { name: /Load wrapped bundle/ })).toHaveCount(0);
    await off.generateMaterial();
    await off.button('Wrap key material').click();
    await expect(offline.page.getByTestId('wrapped-sha256')).toContainText(/SHA-256 [0-9A-F]{4} /, slow);
    await off.idle();
    await expect(off.button('Save import files…')).toHaveCount(0); // no token here: the bundle is the output
    await off.snap('wrapped');
    await off.next('Wrapped bundle');
    const checkValue = (
      (await offline.page.getByTestId('bundle-facts').locator('dd').nth(2).textContent()) ?? ''
    ).trim();
    expect(checkValue).toMatch(/^AES-CMAC KCV [0-9A-F]{6}$/);
    offline.bridge.dialogs.answer('folder', media);
    await off.button('Save wrapped bundle…').click();
    await expect(offline.page.getByTestId('wrapped-bundle-saved')).toContainText(
      'EncryptedKeyMaterial.bin',
      slow,
    );
    await off.idle();
    await expect(off.button('Finish ceremony')).toBeEnabled();
    await off.snap('wrapped-bundle');
    expect(await off.openTranscript()).toMatch(/intact/i);
    await expect(offline.page.getByTestId('transcript-verification')).toHaveAttribute('data-intact', 'true');
    await off.snap('transcript');
    await offline.page.getByRole('button', { name: 'Close', exact: true }).click();
    await off.finish();
    await expect(banner).toHaveAttribute('data-kind', 'offline');

    // ── online: load the wrapped bundle, import, verify, record, finish ──
    await on.next('Key material');
    bridge.dialogs.answer('folder', bundleIn(media, '-wrapped'));
    await on.button('Load wrapped bundle (folder)…').click();
    await on.heading('Import');
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('Offline check value');
    await expect(summary).toContainText(checkValue);
    await expect(summary).toContainText('offline events merged');
    await on.idle();
    await on.importMaterial({ days: 90 });
    await on.verify();
    const verdict = await on.openTranscript();
    expect(verdict).toMatch(/intact/i);
    await expect(page.getByTestId('transcript-verification')).toHaveAttribute('data-intact', 'true');
    expect(verdict).not.toMatch(/NOT intact/);
    const events = page.getByTestId('transcript-events');
    await expect(events.locator('tr[data-offline="true"]').first()).toBeVisible();
    await expect(events).toContainText('offline segment');
    await expect(events).toContainText('fingerprint.confirmed');
    await on.snap('transcript');
    // The record is made from the closed transcript, on the screen Finish leads to.
    const files = await on.finish({ saveRecordTo: records });
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.html', '.json', '.pdf']);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    const recordJson = JSON.parse(
      readFileSync(
        files.find((f) => f.endsWith('.json'))!,
        'utf8',
      ),
    ) as {
      verification: { intact: boolean };
      transcript: { closed: boolean };
    };
    expect(recordJson.verification.intact).toBe(true);
    expect(recordJson.transcript.closed).toBe(true);

    // A wrapped bundle made for other parameters: a new ceremony on the online station refuses it.
    await on.open();
    await on.connectEmulator();
    await on.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/other' });
    await on.getParameters();
    bridge.dialogs.answer('folder', bundleIn(media, '-wrapped'));
    await on.button('Load wrapped bundle (folder)…').click();
    const refused = page.getByTestId('error-wrapped-bundle');
    await expect(refused).toContainText('This wrapped bundle was made for wrapping public key', slow);
    await expect(refused).toContainText('It belongs to other import parameters');
    await on.heading('Key material');
    await on.snap('wrong-bundle-refused');
    // And once this station's parameters are past ParametersValidTo (KMS's clock), nothing is loaded at all.
    (await bridge.emulator()).advanceClock(25 * 3600);
    bridge.dialogs.answer('folder', bundleIn(media, '-wrapped'));
    await on.button('Load wrapped bundle (folder)…').click();
    await expect(refused).toContainText('The import parameters expired at', slow);
    await expect(refused.getByRole('button', { name: 'Get new import parameters' })).toBeVisible();
    await on.idle();
    await on.snap('parameters-expired-refused');

    // The offline station never reached anything but its own bridge, and never started an emulator.
    const offlineOrigin = new URL(offline.bridge.url).origin;
    expect(offline.requests.length).toBeGreaterThan(10);
    expect(offline.requests.filter((u) => !u.startsWith(offlineOrigin))).toEqual([]);
    expect(existsSync(path.join(offline.bridge.workDir, 'station', 'kms-emulator'))).toBe(false);
    expect(existsSync(path.join(bridge.workDir, 'station', 'kms-emulator'))).toBe(true); // the check can fail
    expect([...on.axeFindings, ...off.axeFindings]).toEqual([]);
  } finally {
    await offline.close();
  }
});
