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

  it('names the AWS account and Region in production', () => {
    render(
      <EnvironmentBanner
        connection={{ ...connection, target: 'aws', account: '444455556666', region: 'eu-west-1' }}
      />,
    );
    const banner = screen.getByTestId('environment-banner');
    expect(banner.getAttribute('data-kind')).toBe('production');
    expect(banner.textContent).toBe('PRODUCTION — AWS account 444455556666, eu-west-1');
  });
});
