import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { EMPTY_SESSION } from '../../renderer/src/steps';
import { exposeUiState, useUi } from '../../renderer/src/store';
import {
  ceremony,
  connection,
  installFakeApi,
  material,
  ok,
  parameters,
  symmetricKey,
  wrapped,
} from './fake-api';

afterEach(cleanup);
const info = ok({
  name: 'KMS Key Ceremony',
  version: '0.1.0',
  platform: 'linux-x64',
  runtime: 'browser-bridge' as const,
  versions: { node: '20', electron: null },
  selfTest: null,
});

describe('App', () => {
  it('asks main for the session on load and reopens the step where the ceremony stands', async () => {
    useUi.setState({ restored: false, step: 'connect', session: EMPTY_SESSION });
    const session = {
      ...EMPTY_SESSION,
      ceremony,
      connection,
      key: symmetricKey,
      parameters,
      material,
      wrapped,
    };
    const api = installFakeApi({ appInfo: info }, session);
    render(<App />);
    expect(
      await screen.findByRole('heading', { name: 'Import', level: 2 }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(api.sessionState).toHaveBeenCalled();
    expect(screen.getByTestId('environment-banner').getAttribute('data-kind')).toBe('rehearsal');
    expect(screen.getByTestId('stepper-verify').hasAttribute('disabled')).toBe(true);
  });

  it('starts at Connect with no connection, and says so in the banner', async () => {
    useUi.setState({ restored: false, step: 'verify', session: EMPTY_SESSION });
    installFakeApi({ appInfo: info }, { ...EMPTY_SESSION, ceremony });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Connect', level: 2 })).toBeTruthy();
    expect(screen.getByTestId('environment-banner').textContent).toBe('Not connected');
    await waitFor(() => expect(screen.getByTestId('app-info').textContent).toContain('browser-bridge'));
  });

  it('opens on the start screen while no ceremony is open: no stepper, no Transcript button', async () => {
    useUi.setState({ restored: false, step: 'connect', session: EMPTY_SESSION });
    installFakeApi({ appInfo: info, listInterruptedCeremonies: ok({ ceremonies: [] }) }, EMPTY_SESSION);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Start a ceremony', level: 2 })).toBeTruthy();
    expect(document.querySelector('[aria-label="Ceremony steps"]')).toBeNull();
    expect(screen.queryByTestId('transcript-button')).toBeNull();
  });

  it('on the offline station: opens on the loaded Parameters, the air-gapped banner, and only the four offline steps', async () => {
    useUi.setState({ restored: false, step: 'connect', session: EMPTY_SESSION });
    const offlineKey = {
      ...symmetricKey,
      importability: { mode: 'offline-wrap' as const, explanation: 'Offline station' },
    };
    installFakeApi(
      { appInfo: info },
      {
        ...EMPTY_SESSION,
        station: 'offline',
        ceremony: { ...ceremony, station: 'offline' },
        key: offlineKey,
        parameters,
        parametersSource: { source: 'parameters-bundle', fixes: [], warnings: [] },
      },
    );
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Parameters', level: 2 })).toBeTruthy();
    const banner = screen.getByTestId('environment-banner');
    expect(banner.getAttribute('data-kind')).toBe('offline');
    expect(banner.textContent).toBe('Offline — air-gapped: this station makes no network connection');
    const steps = document.querySelector('[aria-label="Ceremony steps"]')?.textContent;
    const ids = [...document.querySelectorAll('[data-testid^="stepper-"]')].map((e) =>
      e.getAttribute('data-testid'),
    );
    expect(ids).toEqual(['stepper-parameters', 'stepper-material', 'stepper-wrap', 'stepper-bundle']);
    expect(steps).toMatch(/Parameters.*Key material.*Wrap.*Wrapped bundle$/);
    expect(screen.getByTestId('transcript-button')).toBeTruthy();
  });

  it('forgets the expiry planner preset and the reimport intent once the ceremony they started is closed', async () => {
    useUi.setState({ restored: false, step: 'connect', session: EMPTY_SESSION });
    useUi.getState().setIntent('reimport-from-backup');
    useUi.getState().setReimportKey({
      keyArn: symmetricKey.arn,
      label: 'alias/ceremony',
      region: 'us-east-1',
      target: 'emulator',
      profile: null,
    });
    installFakeApi(
      { appInfo: info, listInterruptedCeremonies: ok({ ceremonies: [] }) },
      { ...EMPTY_SESSION, ceremony },
    );
    render(<App />);
    expect(
      await screen.findByRole('heading', { name: 'Connect', level: 2 }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(useUi.getState().reimportKey).not.toBeNull(); // still the preset of the open ceremony
    act(() => useUi.getState().setSession(EMPTY_SESSION)); // the ceremony was finished
    await waitFor(() => expect(useUi.getState().reimportKey).toBeNull());
    expect(useUi.getState().intent).toBe('import');
  });

  it('marks the main region busy while an action runs, on any screen, and clears it after', async () => {
    useUi.setState({ restored: false, step: 'connect', session: EMPTY_SESSION, busy: null });
    installFakeApi({ appInfo: info, listInterruptedCeremonies: ok({ ceremonies: [] }) }, EMPTY_SESSION);
    render(<App />);
    await screen.findByRole('heading', { name: 'Start a ceremony', level: 2 });
    const main = screen.getByRole('main');
    expect(main.hasAttribute('data-busy')).toBe(false);
    act(() =>
      useUi.getState().setBusy({ action: 'Finish ceremony', label: 'Finishing…', since: Date.now() }),
    );
    expect(main.getAttribute('data-busy')).toBe('true');
    act(() => useUi.getState().setBusy(null));
    expect(main.hasAttribute('data-busy')).toBe(false);
  });

  it('exposes the store read-only as JSON', () => {
    exposeUiState();
    useUi.setState({ step: 'wrap' });
    const snapshot = JSON.parse(window.__ceremonyUiState!()) as { step: string };
    expect(snapshot.step).toBe('wrap');
    expect(() => {
      (window as unknown as { __ceremonyUiState: unknown }).__ceremonyUiState = null;
    }).toThrow();
  });
});
