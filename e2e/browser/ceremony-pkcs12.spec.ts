import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('RSA_3072 from a passphrase-protected PKCS#12: the passphrase is sent once, cleared, and held nowhere in the renderer', async ({
  page,
  bridge,
}, testInfo) => {
  const passphrase = `pass-${Date.now()}-phrase`;
  const dir = bridge.workDir;
  const key = path.join(dir, 'officer.key.pem');
  const cert = path.join(dir, 'officer.crt.pem');
  const p12 = path.join(dir, 'officer.p12');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:3072',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=ceremony',
      '-days',
      '1',
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', `pass:${passphrase}`],
    { stdio: 'ignore' },
  );

  const sent: string[] = [];
  page.on('request', (r) => r.url().includes('/__bridge/ipc/') && sent.push(r.postData() ?? ''));
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'RSA_3072', keyUsage: 'SIGN_VERIFY', alias: 'e2e/rsa-p12' });
  await c.getParameters({ algorithm: 'RSA_AES_KEY_WRAP_SHA_256', spec: 'RSA_4096' });
  await c.choose('Format', 'PKCS#12 (.p12, .pfx)');
  const facts = await c.loadMaterial(p12, passphrase);
  expect(facts).toMatch(/PKCS#12|pkcs12|p12/i);
  expect(facts).toContain('officer.p12');
  await c.wrap();
  await c.importMaterial({ days: 30 });
  await c.verify();
  await expect(page.getByTestId('verification')).toContainText('GetPublicKey');

  // The passphrase went to main in exactly one request; nothing the renderer holds or received contains it.
  expect(sent.filter((body) => body.includes(passphrase))).toHaveLength(1);
  await page.getByTestId('stepper-material').click();
  await expect(page.getByLabel('Passphrase')).toHaveValue('');
  const store = await page.evaluate(() =>
    (window as unknown as { __ceremonyUiState: () => string }).__ceremonyUiState(),
  );
  for (const [where, text] of Object.entries({
    store,
    dom: await page.content(),
    bridge: bridge.received.join('\n'),
  }))
    expect(text.includes(passphrase), `passphrase in ${where}`).toBe(false);
});

test('an existing key is picked from the list (aliases, EXTERNAL marked) and described', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'HMAC_256', alias: 'e2e/listed' });
  await page.getByTestId('stepper-key').click();
  await c.heading('Key');
  await page.getByRole('tab', { name: 'Existing key' }).click();
  const table = page.getByRole('table', { name: 'Keys in this account and Region' });
  const row = table.getByRole('row').filter({ hasText: 'alias/e2e/listed' });
  await expect(row).toContainText('EXTERNAL');
  await expect(row).toContainText('HMAC_256');
  await row.getByRole('radio', { name: 'alias/e2e/listed' }).check();
  await c.button('Describe key').click();
  await expect(page.getByTestId('key-facts')).toContainText('GENERATE_VERIFY_MAC');
  await expect(page.getByTestId('importability')).toContainText(/first import/);
  await c.idle();
  await c.snap('existing-key');
});
