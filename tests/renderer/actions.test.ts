import { describe, expect, it, vi } from 'vitest';
import { runAction } from '../../renderer/src/actions';
import { useUi } from '../../renderer/src/store';
import { fail, installFakeApi, ok, parameters, resetStore } from './fake-api';

const act = { scope: 'parameters', action: 'Get import parameters', progress: 'Getting…' };

describe('runAction', () => {
  it('marks the button busy with its progress label while the call runs, then re-reads the session', async () => {
    resetStore();
    let release: () => void = () => undefined;
    const api = installFakeApi({
      getImportParameters: () => new Promise((r) => (release = () => r(ok(parameters)))) as never,
    });
    const running = runAction(act, (a) =>
      a.getImportParameters({ wrappingAlgorithm: 'A', wrappingKeySpec: 'B' }),
    );
    expect(useUi.getState().busy).toEqual({
      action: 'Get import parameters',
      label: 'Getting…',
      since: expect.any(Number),
    });
    // A second click while KMS is answering does nothing.
    expect(await runAction(act, (a) => a.generateKeyMaterial({}))).toBeNull();
    expect(api.generateKeyMaterial).not.toHaveBeenCalled();
    release();
    expect(await running).toEqual(parameters);
    expect(useUi.getState().busy).toBeNull();
    expect(api.sessionState).toHaveBeenCalledTimes(1);
  });

  it('keeps the error for its screen, and flags expired parameters', async () => {
    resetStore();
    installFakeApi({
      wrapKeyMaterial: fail('PARAMETERS_EXPIRED', 'expired at …', 'Get new import parameters.'),
    });
    expect(await runAction({ ...act, scope: 'wrap' }, (a) => a.wrapKeyMaterial({}))).toBeNull();
    expect(useUi.getState().errors.wrap).toEqual({
      code: 'PARAMETERS_EXPIRED',
      message: 'expired at …',
      hint: 'Get new import parameters.',
    });
    expect(useUi.getState().parametersExpired).toBe(true);
  });

  it('turns a broken bridge into a sentence with a hint, not an unhandled rejection', async () => {
    resetStore();
    const api = installFakeApi({});
    api.verifyImport.mockImplementationOnce(() =>
      Promise.reject(new Error('bridge refused the call: HTTP 401')),
    );
    expect(await runAction({ ...act, scope: 'verify' }, (a) => a.verifyImport({}))).toBeNull();
    const error = useUi.getState().errors.verify!;
    expect(error.message).toContain('bridge refused the call: HTTP 401');
    expect(error.hint).toMatch(/Restart the app/);
    expect(useUi.getState().busy).toBeNull();
  });

  it('clears the screen’s previous error when it runs again', async () => {
    resetStore();
    useUi.getState().setError('parameters', { code: 'X', message: 'old', hint: 'old' });
    installFakeApi({ getImportParameters: ok(parameters) });
    await runAction(act, (a) => a.getImportParameters({ wrappingAlgorithm: 'A', wrappingKeySpec: 'B' }));
    expect(useUi.getState().errors.parameters).toBeUndefined();
    vi.restoreAllMocks();
  });
});
