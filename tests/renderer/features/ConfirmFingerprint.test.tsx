import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmFingerprint } from '../../../renderer/src/features/fingerprint/ConfirmFingerprint';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { ceremony, installFakeApi, ok, parameters, resetStore } from '../fake-api';

afterEach(cleanup);
const session = { ...EMPTY_SESSION, ceremony, parameters };

describe('Confirm fingerprint', () => {
  it('"Matches — confirmed aloud" records the first witness with heardWords null', async () => {
    resetStore(session);
    const api = installFakeApi({
      confirmFingerprint: ok({
        matched: true,
        message: 'Wendy Witness confirmed the wrapping public key fingerprint.',
      }),
    });
    render(<ConfirmFingerprint />);
    await userEvent.click(screen.getByRole('button', { name: 'Matches — confirmed aloud' }));
    expect(api.confirmFingerprint).toHaveBeenCalledWith({ witness: 'Wendy Witness', heardWords: null });
    const result = await screen.findByTestId('fingerprint-confirmation');
    expect(result.getAttribute('data-matched')).toBe('true');
    expect(result.textContent).toContain('Wendy Witness confirmed');
  });

  it('typed words go to main as heard, and a mismatch says which word differs', async () => {
    resetStore(session);
    const message = 'Word 2: this station shows "Bradbury", the other station read "aardvark".';
    const api = installFakeApi({ confirmFingerprint: ok({ matched: false, message }) });
    render(<ConfirmFingerprint />);
    const witness = screen.getByRole('textbox', { name: 'Witness' });
    await userEvent.clear(witness);
    await userEvent.type(witness, 'Victor');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Words as heard on the other station' }),
      'stopwatch aardvark',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check the words' }));
    expect(api.confirmFingerprint).toHaveBeenCalledWith({
      witness: 'Victor',
      heardWords: 'stopwatch aardvark',
    });
    const result = await screen.findByTestId('fingerprint-confirmation');
    expect(result.getAttribute('data-matched')).toBe('false');
    expect(result.textContent).toContain(message);
  });

  it('the words box is one plain textarea sized by CSS, with no hidden twin measured at mount', () => {
    resetStore(session);
    installFakeApi({});
    const { container } = render(<ConfirmFingerprint />);
    // MUI's autosizing multiline renders a hidden second textarea and measures both in a layout effect,
    // forcing a layout of the whole step in the frame where the parameters first appear.
    const areas = container.querySelectorAll('textarea');
    expect(areas).toHaveLength(1);
    expect(screen.getByRole('textbox', { name: 'Words as heard on the other station' })).toBe(areas[0]);
    expect(areas[0]!.rows).toBe(2);
  });

  it('for one of a multi-Region bundle’s other Regions: its own request, controls named for the Region', async () => {
    resetStore(session);
    const api = installFakeApi({
      confirmRegionFingerprint: ok({
        matched: true,
        message: 'Wendy Witness confirmed the wrapping public key fingerprint.',
      }),
    });
    render(
      <>
        <ConfirmFingerprint />
        <ConfirmFingerprint region="eu-west-1" />
      </>,
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Words as heard on the other station (eu-west-1)' }),
      'snowcap vagabond',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check the words (eu-west-1)' }));
    expect(api.confirmRegionFingerprint).toHaveBeenCalledWith({
      region: 'eu-west-1',
      witness: 'Wendy Witness',
      heardWords: 'snowcap vagabond',
    });
    expect(api.confirmFingerprint).not.toHaveBeenCalled();
    const result = await screen.findByTestId('fingerprint-confirmation-eu-west-1');
    expect(result.getAttribute('data-matched')).toBe('true');
    expect(screen.queryByTestId('fingerprint-confirmation')).toBeNull();
  });
});
