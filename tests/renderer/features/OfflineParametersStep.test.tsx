import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineParametersStep } from '../../../renderer/src/features/offline/OfflineParametersStep';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { reachable, resumeStep } from '../../../renderer/src/steps';
import { ceremony, installFakeApi, ok, parameters, resetStore, symmetricKey } from '../fake-api';

afterEach(cleanup);
const offlineKey = {
  ...symmetricKey,
  importability: { mode: 'offline-wrap' as const, explanation: 'Offline station' },
};
const fix = {
  file: 'WrappingPublicKey.bin',
  what: 'base64 text decoded to bytes',
  before: { size: 746, sha256: 'aa'.repeat(32) },
  after: { size: 550, sha256: 'bb'.repeat(32) },
};
const session = (validTo: string) => ({
  ...EMPTY_SESSION,
  station: 'offline' as const,
  ceremony: { ...ceremony, station: 'offline' as const },
  key: offlineKey,
  parameters: { ...parameters, parametersValidTo: validTo },
  parametersSource: { source: 'console-download', fixes: [fix], warnings: ['Confirm the key ARN.'] },
});

describe('Offline Parameters step', () => {
  it('shows the key, wrapping choice, fingerprint, each fix with sizes and SHA-256 before/after, and warnings', () => {
    resetStore(session(new Date(Date.now() + 5 * 3_600_000).toISOString()));
    installFakeApi({});
    render(<OfflineParametersStep />);
    const facts = screen.getByTestId('loaded-parameters').textContent;
    expect(facts).toContain(symmetricKey.arn);
    expect(facts).toContain('RSAES_OAEP_SHA_256');
    expect(facts).toContain('console-download');
    const fingerprint = screen.getByTestId('public-key-fingerprint');
    expect(fingerprint.textContent).toContain(`SHA-256 ${'ABAB '.repeat(15)}ABAB`);
    expect([...fingerprint.querySelectorAll('.pgp-word')].map((w) => w.textContent).slice(0, 2)).toEqual([
      'stopwatch',
      'Bradbury',
    ]);
    const fixes = screen.getByTestId('parameters-fixes');
    expect(fixes.getAttribute('data-count')).toBe('1');
    const row = within(fixes).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('base64 text decoded to bytes');
    expect(row.textContent).toContain('746 bytes');
    expect(row.textContent).toContain('SHA-256 AAAA AAAA');
    expect(row.textContent).toContain('550 bytes');
    expect(row.textContent).toContain('SHA-256 BBBB BBBB');
    expect(screen.getByTestId('parameters-warnings').textContent).toBe('Confirm the key ARN.');
    expect(screen.queryByTestId('parameters-expired')).toBeNull();
    expect(screen.getByRole('button', { name: 'Load other parameters…' })).toBeTruthy();
  });

  it('says the parameters have expired once ParametersValidTo is past on this clock', () => {
    resetStore(session(new Date(Date.now() - 60_000).toISOString()));
    installFakeApi({});
    render(<OfflineParametersStep />);
    expect(screen.getByTestId('parameters-expired').textContent).toContain('have expired');
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('expired');
  });

  it('a resumed offline ceremony without parameters opens here and loads them again (same ceremony)', async () => {
    const resumed = {
      ...EMPTY_SESSION,
      station: 'offline' as const,
      ceremony: { ...ceremony, station: 'offline' as const },
    };
    expect(resumeStep(resumed)).toBe('parameters');
    expect(reachable('parameters', resumed)).toBe(true);
    expect(reachable('material', resumed)).toBe(false);
    resetStore(resumed);
    const api = installFakeApi({
      loadParametersBundle: ok({
        source: 'parameters-bundle',
        keyArn: symmetricKey.arn,
        keySpec: 'SYMMETRIC_DEFAULT',
        parameters,
        fixes: [],
        warnings: [],
      }),
    });
    render(<OfflineParametersStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Choose parameters folder…' }));
    expect(api.loadParametersBundle).toHaveBeenCalledWith({
      from: 'folder',
      keySpec: null,
      wrappingAlgorithm: null,
    });
  });
});
