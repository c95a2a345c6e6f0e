import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../electron/core/errors';
import { dispatch, type HandlerTable } from '../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../electron/main/ipc/handlers/index';
import { testContext } from '../../helpers/main-context';

const real = createHandlers(testContext());

describe('dispatch (the one door between renderer and main)', () => {
  it('answers a well-formed call with the handler result', async () => {
    const result = await dispatch(real, 'app:info', {});
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'KMS Key Ceremony', version: '1.2.3', runtime: 'browser-bridge' },
    });
  });

  it('rejects a malformed request with a typed error and does not run the handler', async () => {
    let ran = false;
    const handlers = { ...real, 'app:info': () => ((ran = true), real['app:info']({})) } as HandlerTable;
    const result = await dispatch(handlers, 'app:info', { unexpected: 'field' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message).toMatch(/malformed/);
    expect(result.error.hint).toMatch(/Nothing was changed/);
    expect(ran).toBe(false);
  });

  it('withholds a response carrying an undeclared field (for example key bytes)', async () => {
    const leaky = {
      ...real,
      'app:info': async () => ({ ...(await real['app:info']({})), keyBytes: 'deadbeef' }),
    } as HandlerTable;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await dispatch(leaky, 'app:info', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_RESPONSE' }) });
    expect(JSON.stringify(result)).not.toContain('deadbeef');
    // The log names the channel and nothing of the payload.
    expect(logged).toHaveBeenCalledWith('[ipc] app:info: handler response failed the contract');
    expect(JSON.stringify(logged.mock.calls)).not.toContain('deadbeef');
    logged.mockRestore();
  });

  it('turns a thrown AppError into { code, message, hint }', async () => {
    const failing = {
      ...real,
      'app:info': () => {
        throw new AppError('NOPE', 'It failed because of X.', 'Do Y.');
      },
    } as HandlerTable;
    expect(await dispatch(failing, 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'NOPE', message: 'It failed because of X.', hint: 'Do Y.' },
    });
  });

  it('refuses a channel that is not in the contract', async () => {
    const result = await dispatch(real, 'shell:exec', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }) });
  });
});
