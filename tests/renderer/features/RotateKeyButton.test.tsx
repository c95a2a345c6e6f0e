import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RotateKeyButton } from '../../../renderer/src/features/rotation/RotateKeyButton';
import { useUi } from '../../../renderer/src/store';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { installFakeApi, ok, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);
const enabled = { ...symmetricKey, keyState: 'Enabled', currentKeyMaterialId: 'a'.repeat(64) };
const rotationBegun = {
  keyArn: enabled.arn,
  begunAt: '2026-11-30T07:00:00.000Z',
  fromKeyMaterialId: 'a'.repeat(64),
  stagedKeyMaterialId: null,
  approval: null,
  started: null,
  completedAt: null,
  provenStatements: null,
};

describe('Rotate to new key material', () => {
  it('is disabled with main’s refusal in words, described by it', async () => {
    resetStore();
    installFakeApi({
      checkRotation: ok({
        allowed: false as const,
        code: 'ROTATION_NOT_SYMMETRIC',
        message: `${enabled.arn} is a HMAC_256 key. KMS rotates only symmetric encryption keys.`,
        hint: 'Create a new key for the new material.',
      }),
    });
    render(<RotateKeyButton keyDescription={enabled} />);
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('KMS rotates only symmetric encryption keys.');
    const button = screen.getByRole('button', { name: 'Rotate to new key material' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-describedby')).toBe(note.id);
  });

  it('begins the rotation in main, then opens Import parameters', async () => {
    resetStore();
    const api = installFakeApi(
      {
        checkRotation: ok({ allowed: true as const, currentKeyMaterialId: 'a'.repeat(64) }),
        beginRotation: ok(rotationBegun),
      },
      { ...EMPTY_SESSION, key: enabled, rotation: rotationBegun },
    );
    render(<RotateKeyButton keyDescription={enabled} />);
    const button = screen.getByRole('button', { name: 'Rotate to new key material' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    await userEvent.click(button);
    await waitFor(() => expect(api.beginRotation).toHaveBeenCalledWith({}));
    expect(useUi.getState().step).toBe('parameters');
    // Begun: the panel now says what the ceremony does and offers to continue.
    expect(await screen.findByRole('button', { name: 'Continue the rotation' })).toBeTruthy();
  });

  it('offers to continue an interrupted multi-Region rotation, then opens step Rotate', async () => {
    resetStore();
    const pending = 'c'.repeat(64);
    const continued = { ...rotationBegun, stagedKeyMaterialId: pending };
    const api = installFakeApi(
      {
        checkRotation: ok({
          allowed: true as const,
          currentKeyMaterialId: 'a'.repeat(64),
          continuesKeyMaterialId: pending,
        }),
        beginRotation: ok(continued),
      },
      {
        ...EMPTY_SESSION,
        key: enabled,
        rotation: continued,
        multiRegion: { keyId: 'mrk-1', primaryRegion: 'us-east-1', current: 'us-east-1' },
      },
    );
    render(<RotateKeyButton keyDescription={enabled} />);
    expect((await screen.findByTestId('rotation-interrupted')).textContent).toContain(pending);
    await userEvent.click(screen.getByRole('button', { name: 'Continue the interrupted rotation' }));
    await waitFor(() => expect(api.beginRotation).toHaveBeenCalledWith({}));
    expect(useUi.getState().step).toBe('rotate');
  });
});
