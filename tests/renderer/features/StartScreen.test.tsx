import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StartScreen } from '../../../renderer/src/features/start/StartScreen';
import { useUi } from '../../../renderer/src/store';
import { ceremony, fail, installFakeApi, ok, resetStore } from '../fake-api';

afterEach(cleanup);
const none = ok({ ceremonies: [] });

async function fillNames() {
  await userEvent.type(screen.getByRole('textbox', { name: 'Operator' }), 'Alice Operator');
  await userEvent.type(screen.getByRole('textbox', { name: 'Witness 1' }), 'Wendy Witness');
  await userEvent.click(screen.getByRole('button', { name: 'Add witness' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Witness 2' }), 'Victor Witness');
}

describe('Start screen', () => {
  it('starts only with an operator and a witness, and sends operator and every witness', async () => {
    resetStore();
    const api = installFakeApi({ listInterruptedCeremonies: none, startCeremony: ok(ceremony) });
    render(<StartScreen />);
    const start = screen.getByRole('button', { name: 'Start ceremony' });
    expect((start as HTMLButtonElement).disabled).toBe(true);
    await fillNames();
    await userEvent.click(start);
    expect(api.startCeremony).toHaveBeenCalledWith({
      station: 'online',
      operator: 'Alice Operator',
      witnesses: ['Wendy Witness', 'Victor Witness'],
      resumeCeremonyId: null,
      parameters: null,
    });
  });

  it('offline: when main answers NEEDS_DETAILS, asks for key spec and algorithm and sends them on the retry', async () => {
    resetStore();
    let calls = 0;
    const api = installFakeApi({
      listInterruptedCeremonies: none,
      keySpecOptions: ok({
        keySpecs: [
          { keySpec: 'SYMMETRIC_DEFAULT', importable: true, reason: null, keyUsages: ['ENCRYPT_DECRYPT'] },
          { keySpec: 'ML_DSA_44', importable: false, reason: 'no', keyUsages: [] },
        ],
      }),
      startCeremony: () =>
        ++calls === 1
          ? fail('NEEDS_DETAILS', 'This cli-json does not say the key spec.', 'Choose them.')
          : ok({ ...ceremony, station: 'offline' as const }),
    });
    render(<StartScreen />);
    await userEvent.click(screen.getByRole('radio', { name: /Offline — air-gapped/ }));
    await fillNames();
    await userEvent.click(screen.getByRole('button', { name: 'Choose parameters file…' }));
    expect((await screen.findByTestId('error-start')).textContent).toContain('does not say the key spec');
    const pickers = screen.getByTestId('needs-details');
    expect(
      (screen.getByRole('button', { name: 'Choose parameters file…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await userEvent.click(within(pickers).getByRole('combobox', { name: 'Key spec' }));
    expect(screen.queryByRole('option', { name: 'ML_DSA_44' })).toBeNull();
    await userEvent.click(screen.getByRole('option', { name: 'SYMMETRIC_DEFAULT' }));
    await userEvent.click(within(pickers).getByRole('combobox', { name: 'Wrapping algorithm' }));
    await userEvent.click(screen.getByRole('option', { name: 'RSA_AES_KEY_WRAP_SHA_256' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose parameters file…' }));
    await waitFor(() => expect(api.startCeremony).toHaveBeenCalledTimes(2));
    expect(api.startCeremony).toHaveBeenLastCalledWith({
      station: 'offline',
      operator: 'Alice Operator',
      witnesses: ['Wendy Witness', 'Victor Witness'],
      resumeCeremonyId: null,
      parameters: {
        from: 'file',
        keySpec: 'SYMMETRIC_DEFAULT',
        wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
      },
    });
  });

  it('lists interrupted ceremonies: Resume uses their station and names; Mark aborted needs a reason', async () => {
    resetStore();
    const interrupted = {
      ceremonyId: 'c-1',
      station: 'offline' as const,
      operator: 'Olga',
      witnesses: ['Wim'],
      keyArn: null,
      events: 5,
      lastAction: 'material.generated',
      lastTime: '2026-11-28T10:00:00Z',
      torn: false,
      intact: true,
    };
    const api = installFakeApi({
      listInterruptedCeremonies: ok({ ceremonies: [interrupted] }),
      startCeremony: ok(ceremony),
      abortInterruptedCeremony: ok({ ok: true as const }),
    });
    render(<StartScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Resume c-1' }));
    expect(api.startCeremony).toHaveBeenCalledWith({
      station: 'offline',
      operator: 'Olga',
      witnesses: ['Wim'],
      resumeCeremonyId: 'c-1',
      parameters: null,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Mark c-1 aborted' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mark this ceremony aborted?' });
    const confirm = within(dialog).getByRole('button', { name: 'Mark aborted' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Power cut, restarting');
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(api.abortInterruptedCeremony).toHaveBeenCalledWith({
        ceremonyId: 'c-1',
        reason: 'Power cut, restarting',
      }),
    );
  });

  it('Resume forgets a key chosen in the expiry planner: its Connect and Key presets belong to a new reimport, not to the resumed ceremony', async () => {
    resetStore();
    useUi.getState().setIntent('reimport-from-backup');
    useUi.getState().setReimportKey({
      keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      label: 'alias/payments',
      region: 'eu-west-1',
      target: 'emulator',
      profile: null,
    });
    installFakeApi({
      listInterruptedCeremonies: ok({
        ceremonies: [
          {
            ceremonyId: 'c-2',
            station: 'online' as const,
            operator: 'Olga',
            witnesses: ['Wim'],
            keyArn: 'arn:aws:kms:us-east-1:111122223333:key/another',
            events: 9,
            lastAction: 'parameters.fetched',
            lastTime: '2026-11-28T10:00:00Z',
            torn: false,
            intact: true,
          },
        ],
      }),
      startCeremony: ok(ceremony),
    });
    render(<StartScreen />);
    expect(screen.getByTestId('reimport-key-chosen').textContent).toContain('alias/payments');
    await userEvent.click(await screen.findByRole('button', { name: 'Resume c-2' }, { timeout: 10_000 }));
    expect(useUi.getState().reimportKey).toBeNull();
  });
});
