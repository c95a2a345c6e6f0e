import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('HMAC_512: generated material, GenerateMac proves the import', async ({ page, bridge }, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'HMAC_512', alias: 'e2e/hmac' });
  // Symmetric and HMAC material may not use RSA_AES_KEY_WRAP_*: refused, with the reason beside it.
  await expect(page.getByRole('radio', { name: /^RSA_AES_KEY_WRAP_SHA_256/ })).toBeDisabled();
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_4096' });
  await c.generateMaterial();
  await c.wrap();
  await c.importMaterial({ days: 30 });
  await c.verify();
  await expect(page.getByTestId('verification')).toContainText(/MAC/);

  // Key actions outside the flow: disable, then enable again.
  const facts = page.getByTestId('key-facts');
  await c.button('Disable key').click();
  await expect(facts).toContainText('Disabled', { timeout: 30_000 });
  await c.idle();
  await c.snap('disabled');
  await c.button('Enable key').click();
  await expect(facts).toContainText('Enabled', { timeout: 30_000 });
});

test('RSA_3072 signing key: RSA_AES_KEY_WRAP_SHA_256, Sign verified locally and GetPublicKey matches', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'RSA_3072', keyUsage: 'SIGN_VERIFY', alias: 'e2e/rsa-sign' });
  // RSA material is too long for OAEP: only RSA_AES_KEY_WRAP_* is offered.
  await expect(page.getByRole('radio', { name: /^RSAES_OAEP_SHA_256/ })).toBeDisabled();
  await c.getParameters({ algorithm: 'RSA_AES_KEY_WRAP_SHA_256', spec: 'RSA_4096' });
  await c.generateMaterial();
  await c.wrap();
  await c.importMaterial({ days: 365 });
  await c.verify();
  await expect(page.getByTestId('verification')).toContainText('GetPublicKey');
});

test('ECC_NIST_P256 that does not expire, with a written justification', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', alias: 'e2e/p256' });
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_3072' });
  await expect(page.getByRole('button', { name: 'Generate key material' })).toBeVisible();
  await c.button('Generate key material').click();
  // An asymmetric key's check value is the SHA-256 of its public key (SPKI), shown once, upper-case groups.
  await expect(page.getByTestId('material-facts')).toContainText(/SHA-256 [0-9A-F]{4} [0-9A-F]{4}/, {
    timeout: 60_000,
  });
  await c.idle();
  await c.snap('material-ecc');
  await c.next('Wrap');
  await c.wrap();
  await c.importMaterial({
    justification: 'Rehearsal of the offline signing root; expiry managed by policy.',
  });
  await expect(page.getByTestId('import-result')).toContainText('KEY_MATERIAL_DOES_NOT_EXPIRE');
  await c.verify();
});
