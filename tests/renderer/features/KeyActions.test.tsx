import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyActions } from '../../../renderer/src/features/key/KeyActions';
import { installFakeApi, ok, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);
const enabled = { ...symmetricKey, keyState: 'Enabled' };
/** The rotation panel beside the actions asks main whether the key may rotate (rotation:check). */
const canRotate = ok({ allowed: true as const, currentKeyMaterialId: 'a'.repeat(64) });

describe('Key actions', () => {
  it('"Delete imported key material" asks main, which confirms natively (no renderer dialog to click through)', async () => {
    resetStore();
    const api = installFakeApi({
      deleteImportedKeyMaterial: ok({ cancelled: true as const }),
      checkRotation: canRotate,
    });
    render(<KeyActions keyDescription={enabled} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete imported key material' }));
    await waitFor(() => expect(api.deleteImportedKeyMaterial).toHaveBeenCalledWith({ keyId: enabled.keyId }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull(); // declined in main's dialog: nothing to report
  });

  it('offers "Disable key" when enabled and "Enable key" when disabled', async () => {
    resetStore();
    const api = installFakeApi({ setKeyEnabled: ok(enabled), checkRotation: canRotate });
    const { rerender } = render(<KeyActions keyDescription={enabled} />);
    expect(screen.queryByRole('button', { name: 'Enable key' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    await waitFor(() =>
      expect(api.setKeyEnabled).toHaveBeenCalledWith({ keyId: enabled.keyId, enabled: false }),
    );
    rerender(<KeyActions keyDescription={{ ...enabled, keyState: 'Disabled' }} />);
    expect(screen.getByRole('button', { name: 'Enable key' })).toBeTruthy();
  });

  it('offers nothing for a key KMS made itself', () => {
    resetStore();
    installFakeApi({});
    render(<KeyActions keyDescription={{ ...enabled, origin: 'AWS_KMS' }} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
