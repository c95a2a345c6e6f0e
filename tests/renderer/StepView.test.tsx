import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StepView } from '../../renderer/src/StepView';
import { EMPTY_SESSION } from '../../renderer/src/steps';
import { useUi } from '../../renderer/src/store';
import { connection, installFakeApi, parameters, resetStore, symmetricKey } from './fake-api';

afterEach(cleanup);
const next = () => screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;

describe('StepView', () => {
  it('opens Key material from fresh import parameters', async () => {
    resetStore({ ...EMPTY_SESSION, connection, key: symmetricKey, parameters });
    useUi.setState({ step: 'parameters' });
    installFakeApi({});
    render(<StepView />);
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Import parameters' }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(next().disabled).toBe(false);
    await userEvent.click(next());
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Key material' }, { timeout: 10_000 }),
    ).toBeTruthy();
  });

  it('refuses to go on from expired import parameters', async () => {
    const old = { ...parameters, parametersValidTo: new Date(Date.now() - 60_000).toISOString() };
    resetStore({ ...EMPTY_SESSION, connection, key: symmetricKey, parameters: old });
    useUi.setState({ step: 'parameters' });
    installFakeApi({});
    render(<StepView />);
    expect(await screen.findByTestId('parameters-expired', {}, { timeout: 10_000 })).toBeTruthy();
    expect(next().disabled).toBe(true);
  });

  it('refuses to go on when main said the parameters expired, whatever the local clock says', async () => {
    resetStore({ ...EMPTY_SESSION, connection, key: symmetricKey, parameters });
    useUi.setState({ step: 'parameters', parametersExpired: true });
    installFakeApi({});
    render(<StepView />);
    expect(await screen.findByTestId('parameters-expired', {}, { timeout: 10_000 })).toBeTruthy();
    expect(next().disabled).toBe(true);
  });
});
