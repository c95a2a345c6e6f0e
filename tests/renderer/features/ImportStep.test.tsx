import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportStep } from '../../../renderer/src/features/import/ImportStep';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { useUi } from '../../../renderer/src/store';
import {
  connection,
  fail,
  installFakeApi,
  material,
  ok,
  parameters,
  resetStore,
  symmetricKey,
  wrapped,
} from '../fake-api';

afterEach(cleanup);
const ERROR = 'error-import';
const ready = { ...EMPTY_SESSION, connection, key: symmetricKey, parameters, material, wrapped };
const renderStep = () =>
  render(
    <LocalizationProvider dateAdapter={AdapterDayjs}>
      <ImportStep />
    </LocalizationProvider>,
  );
const DAY = 86_400_000;

describe('Import step', () => {
  it('defaults to "Key material expires" in 90 days and sends that ValidTo', async () => {
    resetStore(ready);
    const imported = {
      keyId: symmetricKey.keyId,
      keyState: 'Enabled',
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: new Date(Date.now() + 90 * DAY).toISOString(),
      keyMaterialId: 'f'.repeat(64),
      importedAt: new Date().toISOString(),
    };
    const api = installFakeApi({ importKeyMaterial: ok(imported) }, { ...ready, imported });
    renderStep();
    expect((screen.getByRole('radio', { name: 'Key material expires' }) as HTMLInputElement).checked).toBe(
      true,
    );
    await userEvent.click(screen.getByRole('button', { name: '180 days' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import key material' }));
    await waitFor(() => expect(api.importKeyMaterial).toHaveBeenCalledTimes(1));
    const req = api.importKeyMaterial.mock.calls[0]![0] as { expirationModel: string; validTo: string };
    expect(req.expirationModel).toBe('KEY_MATERIAL_EXPIRES');
    expect(Math.abs(Date.parse(req.validTo) - (Date.now() + 180 * DAY))).toBeLessThan(2 * 60_000);
    expect((await screen.findByTestId('import-result')).textContent).toContain('f'.repeat(64));
  });

  it('"Key material does not expire" needs a written justification before import', async () => {
    resetStore(ready);
    const api = installFakeApi({});
    renderStep();
    await userEvent.click(screen.getByRole('radio', { name: 'Key material does not expire' }));
    const button = screen.getByRole('button', { name: 'Import key material' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await userEvent.type(
      screen.getByLabelText(/Justification/),
      'Offline root CA key; rotated by ceremony only.',
    );
    expect(button.disabled).toBe(false);
    expect(api.importKeyMaterial).not.toHaveBeenCalled();
  });

  it('explains an expired import token and offers "Get new import parameters"', async () => {
    resetStore(ready);
    const api = installFakeApi({
      importKeyMaterial: fail(
        'ExpiredImportTokenException',
        'The import token has expired (import parameters are valid for 24 hours).',
        'Get new import parameters, wrap the key material again with the new public key, and import.',
      ),
      getImportParameters: ok(parameters),
    });
    renderStep();
    await userEvent.click(screen.getByRole('button', { name: 'Import key material' }));
    const alert = await screen.findByTestId(ERROR);
    expect(alert.textContent).toContain('The import token has expired');
    expect(alert.textContent).toContain('wrap the key material again');
    await userEvent.click(screen.getByRole('button', { name: 'Get new import parameters' }));
    await waitFor(() =>
      expect(api.getImportParameters).toHaveBeenCalledWith({
        wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        wrappingKeySpec: 'RSA_4096',
      }),
    );
    await waitFor(() => expect(useUi.getState().step).toBe('parameters'));
  });
});
