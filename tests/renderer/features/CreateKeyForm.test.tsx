import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateKeyForm } from '../../../renderer/src/features/key/CreateKeyForm';
import { installFakeApi, ok, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);

const specs = ok({
  keySpecs: [
    { keySpec: 'SYMMETRIC_DEFAULT', importable: true, reason: null, keyUsages: ['ENCRYPT_DECRYPT'] },
    { keySpec: 'HMAC_512', importable: true, reason: null, keyUsages: ['GENERATE_VERIFY_MAC'] },
    { keySpec: 'RSA_3072', importable: true, reason: null, keyUsages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] },
    { keySpec: 'ML_DSA_65', importable: false, reason: 'ML-DSA keys cannot be imported.', keyUsages: [] },
  ],
});

describe('Create key', () => {
  it('offers every spec (refused ones disabled with the reason) and only the usages valid for the spec', async () => {
    resetStore();
    const api = installFakeApi({ keySpecOptions: specs, createKey: ok(symmetricKey) });
    render(<CreateKeyForm />);
    await userEvent.click(await screen.findByRole('combobox', { name: 'Key spec' }));
    const list = screen.getByRole('listbox');
    expect(
      within(list)
        .getByRole('option', { name: /ML_DSA_65/ })
        .getAttribute('aria-disabled'),
    ).toBe('true');
    expect(within(list).getByText('ML-DSA keys cannot be imported.')).toBeTruthy();
    await userEvent.click(within(list).getByRole('option', { name: 'HMAC_512' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Key usage' }));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['GENERATE_VERIFY_MAC']);
    await userEvent.keyboard('{Escape}');

    const create = screen.getByRole('button', { name: 'Create key' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true); // the acknowledgement comes first
    await userEvent.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await userEvent.type(screen.getByLabelText('Alias'), 'payments/hmac');
    await userEvent.click(create);
    await waitFor(() =>
      expect(api.createKey).toHaveBeenCalledWith({
        keySpec: 'HMAC_512',
        keyUsage: 'GENERATE_VERIFY_MAC',
        description: '',
        alias: 'alias/payments/hmac',
        multiRegion: false,
      }),
    );
  });
});
