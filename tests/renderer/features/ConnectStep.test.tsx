import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectStep } from '../../../renderer/src/features/connect/ConnectStep';
import { connection, installFakeApi, ok, resetStore } from '../fake-api';

afterEach(cleanup);

const profiles = ok({
  profiles: [
    { name: 'prod-security', kind: 'sso', region: 'eu-west-1' },
    { name: 'rehearsal', kind: 'static', region: null },
  ],
  environmentCredentials: true,
  defaultRegion: 'us-east-1',
});

describe('Connect step', () => {
  it('"Use local emulator" is the default and connects to the emulator', async () => {
    resetStore();
    const api = installFakeApi({ connect: ok(connection) });
    render(<ConnectStep />);
    expect((screen.getByRole('radio', { name: 'Use local emulator' }) as HTMLInputElement).checked).toBe(
      true,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(api.connect).toHaveBeenCalledWith({ target: 'emulator' }));
  });

  it('"Connect to AWS" offers the config profiles (SSO included) and environment credentials, with Region and endpoint', async () => {
    resetStore();
    const aws = {
      ...connection,
      target: 'aws' as const,
      label: 'AWS (profile prod-security)',
      endpoint: null,
    };
    const api = installFakeApi({ listProfiles: profiles, connect: ok(aws) });
    render(<ConnectStep />);
    await userEvent.click(screen.getByRole('radio', { name: 'Connect to AWS' }));
    const region = (await screen.findByLabelText(/Region/)) as HTMLInputElement;
    await waitFor(() => expect(region.value).toBe('eu-west-1'));
    await userEvent.click(screen.getByRole('combobox', { name: 'Profile' }));
    const options = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'prod-security (sso, eu-west-1)',
      'rehearsal (static)',
      'Environment credentials',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Environment credentials' }));
    await userEvent.clear(region);
    await userEvent.type(region, 'eu-central-1');
    await userEvent.type(
      screen.getByLabelText('Endpoint URL'),
      'https://kms-fips.eu-central-1.amazonaws.com',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(api.connect).toHaveBeenCalledWith({
        target: 'aws',
        profile: null,
        region: 'eu-central-1',
        endpoint: 'https://kms-fips.eu-central-1.amazonaws.com',
      }),
    );
  });
});
