import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';
import { encodings, rendererHoldings } from './leak-check';

test('SYMMETRIC_DEFAULT from a file (RSAES_OAEP_SHA_256, RSA_4096, expires in 90 days): no byte of the material reaches the renderer, and axe finds nothing serious', async ({
  page,
  bridge,
}, testInfo) => {
  const material = randomBytes(32);
  const file = path.join(bridge.workDir, 'material.bin');
  writeFileSync(file, material, { mode: 0o600 });
  const c = new Ceremony(page, bridge, testInfo, { axe: true });

  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/symmetric' });
  await c.getParameters({ algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_4096' });
  const facts = await c.loadMaterial(file);
  expect(facts).toContain('32 bytes');
  expect(facts).toContain('material.bin');
  await c.wrap();
  await c.importMaterial({ days: 90 });
  const validTo = await page.getByTestId('import-result').textContent();
  const expected = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  expect(validTo).toContain(expected);
  const keyMaterialId = await c.verify();
  expect(keyMaterialId).toMatch(/^[0-9a-f]{64}$/);

  // The whole ceremony is done; now look everywhere the renderer could have put the bytes.
  const holdings = await rendererHoldings(page, bridge);
  expect(holdings.store).toContain('"keyMaterialId"'); // the store was really read
  expect(bridge.received.length).toBeGreaterThan(10);
  for (const [where, text] of Object.entries(holdings)) {
    for (const [encoding, needle] of Object.entries(encodings(material))) {
      expect(text.includes(needle), `${encoding} of the material in ${where}`).toBe(false);
    }
  }
  expect(c.axeFindings).toEqual([]);
});

test('"Save import files…" writes the three files AWS names into the chosen folder', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/save' });
  await c.getParameters();
  await c.generateMaterial();
  await c.button('Wrap key material').click();
  await c.idle();
  bridge.dialogs.answer('folder', bridge.workDir);
  await c.button('Save import files…').click();
  const saved = page.getByTestId('saved-files');
  for (const name of ['EncryptedKeyMaterial.bin', 'ImportToken.bin', 'WrappingPublicKey.bin'])
    await expect(saved).toContainText(name);
  await c.snap('saved');
  const { readdirSync } = await import('node:fs');
  expect(
    readdirSync(bridge.workDir)
      .filter((f) => f.endsWith('.bin'))
      .sort(),
  ).toEqual(['EncryptedKeyMaterial.bin', 'ImportToken.bin', 'WrappingPublicKey.bin']);
});
