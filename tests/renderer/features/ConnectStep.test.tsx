import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectStep } from '../../../renderer/src/features/connect/ConnectStep';
import { connection, installFakeApi, ok, resetStore } from '../fake-api';

afterEach(cleanup);

const profiles = ok({
  profiles: [
    {
      name: 'prod-security',
      kind: 'sso',
      region: 'eu-west-1',
      endpoint: {
        url: 'https://vpce-0a1b-c2d3.kms.eu-west-1.vpce.amazonaws.com',
        source: 'AWS config [services corp] kms.endpoint_url (profile prod-security)',
      },
    },
    { name: 'rehearsal', kind: 'static', region: null, endpoint: null },
  ],
  environmentCredentials: true,
  environmentEndpoint: { url: 'https://kms-fips.eu-central-1.amazonaws.com', source: 'AWS_ENDPOINT_URL_KMS' },
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

  it('"Connect to AWS" offers the config profiles (SSO included) and environment credentials with a Region, shows where main takes the endpoint from, and sends no endpoint', async () => {
    resetStore();
    const aws = {
      ...connection,
      target: 'aws' as const,
      label: 'AWS (profile prod-security)',
      endpoint: 'https://kms-fips.eu-central-1.amazonaws.com/',
      endpointSource: 'AWS_ENDPOINT_URL_KMS',
    };
    const api = installFakeApi({ listProfiles: profiles, connect: ok(aws) });
    render(<ConnectStep />);
    await userEvent.click(screen.getByRole('radio', { name: 'Connect to AWS' }));
    const region = (await screen.findByLabelText(/Region/)) as HTMLInputElement;
    await waitFor(() => expect(region.value).toBe('eu-west-1'));
    expect(screen.getByTestId('endpoint-source').textContent).toMatch(
      /vpce-0a1b-c2d3\.kms\.eu-west-1\.vpce\.amazonaws\.com — from AWS config \[services corp\]/,
    );
    expect(screen.queryByLabelText(/Endpoint/)).toBeNull();
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
    expect(screen.getByTestId('endpoint-source').textContent).toMatch(
      /kms-fips.* — from AWS_ENDPOINT_URL_KMS/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(api.connect).toHaveBeenCalledWith({
        target: 'aws',
        profile: null,
        region: 'eu-central-1',
      }),
    );
  });
});
