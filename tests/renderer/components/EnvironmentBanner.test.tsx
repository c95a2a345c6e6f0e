import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentBanner } from '../../../renderer/src/components/EnvironmentBanner';
import { connection } from '../fake-api';

afterEach(cleanup);

describe('EnvironmentBanner', () => {
  it('calls the emulator a rehearsal', () => {
    render(<EnvironmentBanner connection={connection} />);
    expect(screen.getByTestId('environment-banner').textContent).toMatch(/^REHEARSAL/);
  });

  it('names the AWS account, Region, endpoint (and where main found it) and principal in production', () => {
    render(
      <EnvironmentBanner
        connection={{
          ...connection,
          target: 'aws',
          account: '444455556666',
          region: 'eu-west-1',
          endpoint: 'https://kms-fips.eu-west-1.amazonaws.com/',
          endpointSource: 'AWS default for eu-west-1 (FIPS)',
          principalArn: 'arn:aws:sts::444455556666:assumed-role/KeyCeremony/alice',
        }}
      />,
    );
    const banner = screen.getByTestId('environment-banner');
    expect(banner.getAttribute('data-kind')).toBe('production');
    expect(banner.textContent).toMatch(/^PRODUCTION — AWS account 444455556666, eu-west-1/);
    expect(screen.getByTestId('environment-endpoint').textContent).toBe(
      'Endpoint kms-fips.eu-west-1.amazonaws.com (AWS default for eu-west-1 (FIPS)) · Region eu-west-1 · Account 444455556666 · Principal arn:aws:sts::444455556666:assumed-role/KeyCeremony/alice',
    );
  });
});
