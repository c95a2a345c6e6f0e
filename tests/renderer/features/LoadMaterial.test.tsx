import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadMaterial } from '../../../renderer/src/features/material/LoadMaterial';
import { useUi } from '../../../renderer/src/store';
import { installFakeApi, material, ok, resetStore } from '../fake-api';

afterEach(cleanup);

describe('Load key material…', () => {
  it('sends the passphrase once, clears the field, and never keeps it in React state or the store', async () => {
    resetStore();
    const api = installFakeApi({ loadKeyMaterial: ok(material) });
    render(<LoadMaterial />);
    const field = screen.getByLabelText('Passphrase') as HTMLInputElement;
    await userEvent.type(field, 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Load key material…' }));
    await waitFor(() => expect(api.loadKeyMaterial).toHaveBeenCalledTimes(1));
    expect(api.loadKeyMaterial).toHaveBeenCalledWith({ format: 'auto', passphrase: 'correct horse battery' });
    expect(field.value).toBe('');
    expect(JSON.stringify(useUi.getState())).not.toContain('correct horse');
    // The second load sends no passphrase: it was not kept anywhere.
    await waitFor(() => expect(useUi.getState().busy).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Load key material…' }));
    await waitFor(() => expect(api.loadKeyMaterial).toHaveBeenCalledTimes(2));
    expect(api.loadKeyMaterial).toHaveBeenLastCalledWith({ format: 'auto', passphrase: null });
  });
});
