import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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

  it('asks in a dialog before custodian components replace the material held, then sends the confirmation', async () => {
    const held = { ...before, material };
    resetStore(held);
    const api = installFakeApi({
      beginComponents: ok(held.custody),
      openCustodyEntry: ok({ ok: true as const }),
    });
    render(<MaterialStep />);
    const fill = (name: string, value: string) =>
      fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });
    fill('Custodian 1', 'Carol');
    fill('Custodian 2', 'Dave');
    await userEvent.click(screen.getByRole('button', { name: 'Start component entry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the key material?' });
    expect(api.beginComponents).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace with components' }));
    await waitFor(() =>
      expect(api.beginComponents).toHaveBeenCalledWith({ custodians: ['Carol', 'Dave'], replace: true }),
    );
  });

  it('names a passphrase share by custodian and form only, and shows who has set one', async () => {
    const waiting = {
      ...before,
      material,
      custody: {
        entry: {
          kind: 'passphrases' as const,
          keySpec: 'SYMMETRIC_DEFAULT',
          custodians: ['Carol', 'Dave'],
          entered: [{ custodian: 'Carol', checkValue: null, share: '1 of 3' }],
          next: 'Dave',
          threshold: 2,
          backupId: null,
          ready: false,
        },
        backups: [],
      },
    };
    resetStore({ ...before, material });
    const api = installFakeApi(
      { backUpMaterial: ok(waiting.custody), openCustodyEntry: ok({ ok: true as const }) },
      waiting,
    );
    render(<MaterialStep />);
    const fill = (name: string, value: string) =>
      fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });
    for (const [i, name] of ['Carol', 'Dave', 'Erin'].entries()) fill(`Custodian of share ${i + 1}`, name);
    await userEvent.click(screen.getByRole('combobox', { name: 'Form of share 1' }));
    await userEvent.click(await screen.findByRole('option', { name: 'age file to their passphrase' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Form of share 3' }));
    await userEvent.click(await screen.findByRole('option', { name: 'printed share sheet' }));
    fill('age1… public key of share 2', 'age1xyz');
    await userEvent.click(screen.getByRole('button', { name: 'Make backup…' }));
    await waitFor(() =>
      expect(api.backUpMaterial).toHaveBeenCalledWith({
        threshold: 2,
        shares: [
          { custodian: 'Carol', form: 'age-passphrase' },
          { custodian: 'Dave', form: 'age-x25519', recipient: 'age1xyz' },
          { custodian: 'Erin', form: 'printed-sheet', saveFile: false },
        ],
      }),
    );
    expect(api.openCustodyEntry).toHaveBeenCalled();
    expect((await screen.findByRole('list', { name: 'Passphrases set' })).textContent).toContain(
      'passphrase set for share 1 of 3',
    );
    expect(screen.getByRole('button', { name: 'Write the backup…' })).toHaveProperty('disabled', true);
  });
});
