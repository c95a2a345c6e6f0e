/**
 * The online station's "Every Region in one bundle": one request per replica Region, each Region's progress
 * and refusal shown on its own row, and a refused Region does not stop the next one.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AirGapRegion, SessionState } from '../../../electron/shared/ipc-contract';
import { BundleRegions } from '../../../renderer/src/features/parameters/BundleRegions';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { useUi } from '../../../renderer/src/store';
import { ceremony, fail, installFakeApi, ok, parameters, resetStore } from '../fake-api';

afterEach(cleanup);

const mr = { keyId: 'mrk-1234', primaryRegion: 'us-east-1', current: 'us-east-1' };
const session: SessionState = { ...EMPTY_SESSION, ceremony, parameters, multiRegion: mr };
const replica = (region: string) => ({
  region,
  role: 'REPLICA' as const,
  keyState: 'PendingImport',
  keyMaterialId: null,
  done: false,
  failure: null,
});
const threeRegions = {
  ...mr,
  regions: [
    { ...replica('us-east-1'), role: 'PRIMARY' as const },
    replica('eu-west-1'),
    replica('sa-east-1'),
  ],
};
const sa: AirGapRegion = {
  region: 'sa-east-1',
  keyArn: 'arn:aws:kms:sa-east-1:111122223333:key/mrk-1234',
  publicKeySha256: 'ab'.repeat(32),
  words: Array.from({ length: 32 }, (_, i) => `word${i + 1}`),
  parametersValidTo: '2026-12-01T10:00:00.000Z',
  fingerprintConfirmedBy: [],
  wrappedSha256: null,
};

describe('Every Region in one bundle', () => {
  it('fetches Region by Region; a refused Region says why on its row and the next is still fetched', async () => {
    resetStore(session);
    const api = installFakeApi(
      {
        multiRegionStatus: ok(threeRegions),
        fetchRegionParameters: (req) =>
          req.region === 'eu-west-1'
            ? fail(
                'REPLICA_CREATING',
                'The replica in eu-west-1 is still Creating.',
                'Wait, then fetch again.',
              )
            : ok(sa),
      },
      { ...session, airGapRegions: [sa] },
    );
    render(<BundleRegions />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Get parameters in every replica Region' }),
    );
    await waitFor(() => expect(api.fetchRegionParameters).toHaveBeenCalledTimes(2));
    expect(api.fetchRegionParameters.mock.calls.map((c) => c[0])).toEqual([
      { region: 'eu-west-1' },
      { region: 'sa-east-1' },
    ]);
    const table = screen.getByTestId('bundle-regions');
    const eu = table.querySelector('tr[data-region="eu-west-1"]') as HTMLElement;
    await waitFor(() => expect(eu.getAttribute('data-state')).toBe('failed'));
    expect(within(eu).getByText(/Failed: The replica in eu-west-1 is still Creating\./)).toBeTruthy();
    const saRow = table.querySelector('tr[data-region="sa-east-1"]') as HTMLElement;
    await waitFor(() => expect(saRow.getAttribute('data-state')).toBe('fetched'));
    expect(screen.getByTestId('public-key-fingerprint-sa-east-1').textContent).toContain('word32');
    expect(screen.getByTestId('bundle-regions-missing').textContent).toContain('eu-west-1');
    expect(useUi.getState().busy).toBeNull();
  });

  it('fetches only the Regions not fetched yet (fetching again would void a saved bundle), then is disabled', async () => {
    const fetchedSa = { ...session, airGapRegions: [sa] };
    resetStore(fetchedSa);
    const eu = { ...sa, region: 'eu-west-1', keyArn: sa.keyArn.replace('sa-east-1', 'eu-west-1') };
    const api = installFakeApi(
      {
        multiRegionStatus: ok(threeRegions),
        fetchRegionParameters: () => ok(eu),
      },
      { ...session, airGapRegions: [sa, eu] },
    );
    render(<BundleRegions />);
    const button = await screen.findByRole('button', { name: 'Get parameters in every replica Region' });
    await userEvent.click(button);
    await waitFor(() => expect(api.fetchRegionParameters).toHaveBeenCalledTimes(1));
    expect(api.fetchRegionParameters).toHaveBeenCalledWith({ region: 'eu-west-1' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
  });
});
