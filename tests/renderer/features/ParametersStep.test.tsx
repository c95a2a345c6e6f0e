import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ParametersStep } from '../../../renderer/src/features/parameters/ParametersStep';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { useUi } from '../../../renderer/src/store';
import { connection, installFakeApi, ok, parameters, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);
const keyed = { ...EMPTY_SESSION, connection, key: symmetricKey };

describe('Import parameters step', () => {
  it('preselects the recommended pair and shows refused options disabled, with the reason', () => {
    resetStore(keyed);
    installFakeApi({});
    render(<ParametersStep />);
    const algorithms = screen.getByRole('radiogroup', { name: 'Wrapping algorithm' });
    expect(algorithms).toBeTruthy();
    expect((screen.getByRole('radio', { name: /RSAES_OAEP_SHA_256/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('radio', { name: /RSA_4096/ }) as HTMLInputElement).checked).toBe(true);
    expect(
      (screen.getByRole('radio', { name: /RSA_AES_KEY_WRAP_SHA_256/ }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.getByText('KMS rejects RSA_AES_KEY_WRAP_* for symmetric material.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: /SM2/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('SM2 is China Regions only.')).toBeTruthy();
  });

  it('"Get import parameters" sends the chosen pair and shows the fingerprint and a countdown', async () => {
    resetStore(keyed);
    const api = installFakeApi({ getImportParameters: ok(parameters) }, { ...keyed, parameters });
    render(<ParametersStep />);
    await userEvent.click(screen.getByRole('radio', { name: /RSA_2048/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Get import parameters' }));
    expect(api.getImportParameters).toHaveBeenCalledWith({
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_2048',
    });
    expect((await screen.findByTestId('public-key-fingerprint')).textContent).toContain(
      parameters.publicKey.groups,
    );
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('ok');
  });

  it('warns under one hour left', () => {
    const soon = { ...parameters, parametersValidTo: new Date(Date.now() + 20 * 60_000).toISOString() };
    resetStore({ ...keyed, parameters: soon });
    installFakeApi({});
    render(<ParametersStep />);
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('warn');
    expect(screen.getByText(/Less than one hour left/)).toBeTruthy();
  });

  it('after expiry refuses to go on and offers new parameters', async () => {
    const old = { ...parameters, parametersValidTo: new Date(Date.now() - 1000).toISOString() };
    resetStore({ ...keyed, parameters: old });
    const api = installFakeApi({ getImportParameters: ok(parameters) }, { ...keyed, parameters });
    render(<ParametersStep />);
    expect(screen.getByTestId('parameters-expired').textContent).toContain('expired');
    await userEvent.click(screen.getByRole('button', { name: 'Get new import parameters' }));
    await waitFor(() => expect(screen.queryByTestId('parameters-expired')).toBeNull());
    expect(api.getImportParameters).toHaveBeenCalledTimes(1);
    expect(useUi.getState().parametersExpired).toBe(false);
  });

  it('trusts main’s "expired" over the local clock', () => {
    resetStore({ ...keyed, parameters });
    useUi.setState({ parametersExpired: true });
    installFakeApi({});
    render(<ParametersStep />);
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('expired');
  });
});
