import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MaterialStep } from '../../../renderer/src/features/material/MaterialStep';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import {
  connection,
  fail,
  installFakeApi,
  material,
  ok,
  parameters,
  resetStore,
  symmetricKey,
} from '../fake-api';

afterEach(cleanup);
const ERROR = 'error-material';
const before = { ...EMPTY_SESSION, connection, key: symmetricKey, parameters };

describe('Key material step', () => {
  it('says plainly that AWS cannot export the material', () => {
    resetStore(before);
    installFakeApi({});
    render(<MaterialStep />);
    expect(screen.getByText(/AWS cannot export imported key material/)).toBeTruthy();
  });

  it('shows length, format found and check value after "Generate key material"', async () => {
    resetStore(before);
    const generated = { ...material, source: 'generated' as const, fileName: null, formatFound: 'generated' };
    installFakeApi({ generateKeyMaterial: ok(generated) }, { ...before, material: generated });
    render(<MaterialStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Generate key material' }));
    const facts = await screen.findByTestId('material-facts');
    expect(within(facts).getByText('32 bytes')).toBeTruthy();
    expect(within(facts).getByText('Check value')).toBeTruthy();
    expect(within(facts).getByText('AES-CMAC KCV 4E2945')).toBeTruthy();
  });

  it('turns a refusal into main’s message and hint', async () => {
    resetStore(before);
    installFakeApi({
      loadKeyMaterial: fail(
        'BAD_LENGTH',
        'The file holds 31 bytes; SYMMETRIC_DEFAULT needs 32.',
        'Load the 32-byte key.',
      ),
    });
    render(<MaterialStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Load key material…' }));
    const alert = await screen.findByTestId(ERROR);
    expect(alert.textContent).toContain('The file holds 31 bytes; SYMMETRIC_DEFAULT needs 32.');
    expect(alert.textContent).toContain('Load the 32-byte key.');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Load key material…' })).toHaveProperty('disabled', false),
    );
  });
});
