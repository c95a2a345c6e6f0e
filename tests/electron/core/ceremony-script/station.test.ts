import { describe, expect, it } from 'vitest';
import { CeremonySession } from '../../../../electron/core/ceremony/session';
import { connectPolicy, connectRequest } from '../../../../electron/core/ceremony-script/station';

const noEmulator = () => Promise.reject(new Error('no emulator in this test'));
const question = { title: 't', message: 'm', detail: 'd', confirmLabel: 'c' };

describe('a script’s AWS target goes through the connection policy', () => {
  it('an endpoint the script names is its confirmation; without one, a non-AWS host is refused', async () => {
    const named = connectPolicy({ aws: { region: 'eu-west-1', endpoint: 'https://kms.corp.example' } });
    expect(named.endpoint).toEqual({
      url: 'https://kms.corp.example',
      source: 'the ceremony script (target.aws.endpoint)',
    });
    expect(await named.confirm(question)).toBe(true);
    expect(await connectPolicy({ aws: { region: 'eu-west-1' } }).confirm(question)).toBe(false);
  });

  it('an http endpoint in a script is refused before anything is sent', async () => {
    const target = { aws: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' } };
    const session = new CeremonySession({ emulator: noEmulator });
    await expect(
      session.connect(connectRequest(target), { ...connectPolicy(target), env: {} }),
    ).rejects.toMatchObject({
      code: 'ENDPOINT_REFUSED',
      message: expect.stringContaining('ceremony script'),
    });
  });
});
