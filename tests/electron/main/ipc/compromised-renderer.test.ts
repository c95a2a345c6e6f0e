/**
 * The renderer is compromised: it sends whatever it likes through the one door. This suite drives the real
 * `dispatch` and handler table, on a real station (embedded emulator, transcripts, station key), with
 * hostile requests, and checks each is refused with a typed `{code, message, hint}` and changes nothing:
 * the station's files (transcripts, emulator journal) are byte-identical and KMS state is the same.
 * Issue 9, "What was found" 1 (endpoints), 2 (destructive calls), 3 (ids that become paths).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedDialogs } from '../../../../e2e/bridge/scripted-dialogs';
import { pendingPath } from '../../../../electron/core/ceremony-script/pending';
import { AppError } from '../../../../electron/core/errors';
import { writeCeremonyRecord } from '../../../../electron/core/record';
import { openTranscript, transcriptPath } from '../../../../electron/core/transcript';
import { dispatch, type HandlerTable } from '../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../electron/main/ipc/handlers/index';
import { createStationServices } from '../../../../electron/main/services';
import type { IpcError, Result } from '../../../../electron/shared/ipc-contract';

const root = mkdtempSync(path.join(os.tmpdir(), 'compromised-renderer-'));
const media = path.join(root, 'media');
const dialogs = new ScriptedDialogs();
/** Main's environment: no AWS config of the user's; each test sets the endpoint variables it needs. */
const env: NodeJS.ProcessEnv = { AWS_CONFIG_FILE: path.join(root, 'no-aws-config') };

function station(name: string) {
  const services = createStationServices(path.join(root, name));
  const handlers = createHandlers({
    runtime: 'browser-bridge',
    appName: 'KMS Key Ceremony',
    appVersion: '0.0.0-test',
    electronVersion: null,
    dialogs,
    session: services.session,
    station: services.station,
    env,
  });
  return { services, handlers };
}
const online = station('online');
const offline = station('offline');

const call = (channel: string, req?: unknown, handlers: HandlerTable = online.handlers) =>
  dispatch(handlers, channel, req);

async function value<T = Record<string, unknown>>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A refusal: typed, short, no schema dump, never INTERNAL. */
async function refused(result: Promise<Result<unknown>>, code: string | RegExp): Promise<IpcError> {
  const r = await result;
  expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
  const error = (r as { error: IpcError }).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'hint', 'message']);
  expect(error.code).toMatch(code instanceof RegExp ? code : new RegExp(`^${code}$`));
  expect(error.hint).not.toBe('');
  expect(error.message.length).toBeLessThan(600);
  expect(error.message).not.toMatch(/"code":|"path":|\[\s*\{/); // not a zod dump
  return error;
}

/**
 * Every file and folder under the test root, with the SHA-256 of each file; not the embedded emulator's
 * spare wrapping keys (kms-emulator/wrapping-pool/), which it writes in the background whenever it refills its
 * pool after an earlier GetParametersForImport, on its own schedule and not for any request (a fresh-clone
 * run once saw a spare land between two snapshots).
 */
function snapshot(dir = root): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(root, full);
      if (name === 'wrapping-pool' && path.basename(d) === 'kms-emulator') continue;
      if (statSync(full).isDirectory()) {
        out.push(`${rel}/`);
        walk(full);
      } else out.push(`${rel} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}

/** What KMS holds: every key's state and current material, read with the free (read-only) calls. */
async function kmsState(): Promise<string[]> {
  const { keys } = await value<{ keys: { keyId: string; keyState: string }[] }>(call('keys:list', {}));
  return keys.map((k) => `${k.keyId} ${k.keyState}`).sort();
}

let victim: { keyId: string; arn: string };
let firstCeremony: { ceremonyId: string; transcriptPath: string };
let parametersBundle: string;
/** A port that counts every connection made to it: nothing may ever reach it. */
let trap: Server;
let trapPort = 0;
let trapConnections = 0;

beforeAll(async () => {
  trap = createServer((socket) => {
    trapConnections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as { port: number }).port;

  // An honest first ceremony leaves a key with imported material: the victim of what follows.
  firstCeremony = await value(
    call('ceremony:start', {
      station: 'online',
      operator: 'Ada',
      witnesses: ['Grace'],
      resumeCeremonyId: null,
      parameters: null,
    }),
  );
  await value(call('connection:connect', { target: 'emulator' }));
  victim = await value(
    call('keys:create', {
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'victim',
      alias: 'alias/victim',
      multiRegion: false,
    }),
  );
  await value(call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }));
  dialogs.answer('folder', media);
  parametersBundle = (await value<{ folder: string }>(call('bundle:exportParameters', {}))).folder;
  await value(call('material:generate', {}));
  // The ceremony policy (policy.ts): a witness confirms the fingerprint before Wrap and approves the import.
  await value(call('ceremony:confirmFingerprint', { witness: 'Grace', heardWords: null }));
  await value(call('wrap:run', {}));
  const expiry = {
    expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
    validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  };
  const { digest } = await value<{ digest: string }>(call('import:requestApproval', expiry));
  await value(call('import:approve', { witness: 'Grace', digest }));
  await value(call('import:run', expiry));
  await value(call('ceremony:finish', { outcome: 'completed', reason: 'set-up' }));
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => trap.close(resolve));
  await online.services.close();
  await offline.services.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a compromised renderer cannot choose where secrets go (issue 9 item 1)', () => {
  it('cannot name an endpoint: the contract has no such field for either target', async () => {
    const before = snapshot();
    for (const endpoint of [
      `http://127.0.0.1:${trapPort}`,
      `https://localhost:${trapPort}`,
      'file:///etc/passwd',
    ]) {
      await refused(
        call('connection:connect', { target: 'aws', profile: null, region: 'eu-west-1', endpoint }),
        'BAD_REQUEST',
      );
      await refused(call('connection:connect', { target: 'emulator', endpoint }), 'BAD_REQUEST');
    }
    expect(trapConnections).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['plain http', () => `http://127.0.0.1:${trapPort}`, /only https/],
    ['plain http to an AWS name', () => 'http://kms.eu-west-1.amazonaws.com', /only https/],
    ['an IP address', () => `https://127.0.0.1:${trapPort}`, /IP address/],
    ['an IPv6 address', () => `https://[::1]:${trapPort}`, /IP address/],
    ['file:', () => 'file:///etc/passwd', /only https/],
  ])('refuses %s from main’s own environment too, before any byte is sent', async (_, url, why) => {
    const before = snapshot();
    env.AWS_ENDPOINT_URL_KMS = url();
    try {
      const error = await refused(
        call('connection:connect', { target: 'aws', profile: null, region: 'eu-west-1' }),
        'ENDPOINT_REFUSED',
      );
      expect(error.message).toMatch(why);
      expect(error.message).toContain('AWS_ENDPOINT_URL_KMS');
    } finally {
      delete env.AWS_ENDPOINT_URL_KMS;
    }
    expect(trapConnections).toBe(0);
    expect(snapshot()).toEqual(before);
    expect((await value<{ connection: unknown }>(call('session:state', {}))).connection).toBeNull();
  });

  it('a non-AWS host needs main’s native confirmation naming it; without it nothing is sent', async () => {
    const before = snapshot();
    env.AWS_ENDPOINT_URL_KMS = `https://localhost:${trapPort}`;
    dialogs.answer('confirm', false);
    try {
      const error = await refused(
        call('connection:connect', { target: 'aws', profile: null, region: 'eu-west-1' }),
        'ENDPOINT_NOT_CONFIRMED',
      );
      expect(error.message).toContain(`localhost:${trapPort}`);
    } finally {
      delete env.AWS_ENDPOINT_URL_KMS;
    }
    const question = dialogs.asked.at(-1)!;
    expect(question.kind).toBe('confirm');
    expect(question.message).toContain(`localhost:${trapPort}`);
    expect(question.detail).toContain('AWS_ENDPOINT_URL_KMS');
    expect(trapConnections).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('the transcript’s connection event names the endpoint, its source, Region, account and principal', () => {
    const events = readFileSync(firstCeremony.transcriptPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: Record<string, unknown> });
    const connected = events.find((e) => e.action === 'kms.connected')!;
    expect(connected.details).toMatchObject({
      target: 'emulator',
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/),
      endpointSource: expect.stringContaining('embedded emulator'),
      region: 'us-east-1',
      account: '111122223333',
      principalArn: expect.stringContaining('111122223333'),
    });
  });
});

describe('a compromised renderer cannot change KMS state outside the ceremony’s key (issue 9 item 2)', () => {
  it('refuses every state change when no ceremony is open, and writes nothing anywhere', async () => {
    await value(call('connection:connect', { target: 'emulator' }));
    await value(call('keys:describe', { keyId: victim.keyId })); // free: reading selects the key
    const files = snapshot();
    const kms = await kmsState();
    expect(kms).toContain(`${victim.keyId} Enabled`);
    const asked = dialogs.asked.length;

    await refused(call('keys:deleteMaterial', { keyId: victim.keyId }), 'NO_CEREMONY');
    await refused(call('keys:setEnabled', { keyId: victim.keyId, enabled: false }), 'NO_CEREMONY');
    await refused(call('keys:setEnabled', { keyId: victim.arn, enabled: true }), 'NO_CEREMONY');
    await refused(
      call('keys:create', {
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        description: '',
        alias: null,
        multiRegion: false,
      }),
      'NO_CEREMONY',
    );
    await refused(
      call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }),
      'NO_CEREMONY',
    );

    expect(dialogs.asked.length).toBe(asked); // refused before main even asks
    expect(await kmsState()).toEqual(kms);
    expect(snapshot()).toEqual(files);
  });

  it('inside a ceremony, refuses another key than the ceremony’s; deleting its own is confirmed natively', async () => {
    const ceremony = await value<{ transcriptPath: string }>(
      call('ceremony:start', {
        station: 'online',
        operator: 'Mallory',
        witnesses: ['Trent'],
        resumeCeremonyId: null,
        parameters: null,
      }),
    );
    await value(call('connection:connect', { target: 'emulator' }));
    const own = await value<{ keyId: string; arn: string }>(
      call('keys:create', {
        keySpec: 'HMAC_256',
        keyUsage: 'GENERATE_VERIFY_MAC',
        description: 'own',
        alias: 'alias/own',
        multiRegion: false,
      }),
    );
    const files = snapshot();
    const kms = await kmsState();
    for (const keyId of [victim.keyId, victim.arn, 'alias/victim']) {
      const error = await refused(call('keys:deleteMaterial', { keyId }), 'NOT_CEREMONY_KEY');
      expect(error.message).toContain(own.arn);
      await refused(call('keys:setEnabled', { keyId, enabled: false }), 'NOT_CEREMONY_KEY');
    }
    expect(await kmsState()).toEqual(kms);
    expect(snapshot()).toEqual(files);

    // Its own key: main asks natively, naming the ARN and alias; declined = nothing sent to KMS.
    dialogs.answer('confirm', false);
    expect(await value(call('keys:deleteMaterial', { keyId: own.keyId }))).toEqual({ cancelled: true });
    const question = dialogs.asked.at(-1)!;
    expect(question.message).toContain(own.arn);
    expect(question.detail).toContain('alias/own');
    expect(await kmsState()).toEqual(kms);
    const last = JSON.parse(readFileSync(ceremony.transcriptPath, 'utf8').trim().split('\n').at(-1)!) as {
      action: string;
    };
    expect(last.action).toBe('kms.declined');

    // Enabling/disabling its own key: the intent is recorded before the call, the outcome after.
    await call('keys:setEnabled', { keyId: own.keyId, enabled: false }); // KMS may refuse PendingImport: either way
    const actions = readFileSync(ceremony.transcriptPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: { operation?: string } });
    const requested = actions.findIndex(
      (e) => e.action === 'kms.requested' && e.details.operation === 'DisableKey',
    );
    expect(requested).toBeGreaterThan(0);
    expect(actions[requested + 1]?.action).toBe('key.disabled');
    await value(call('ceremony:finish', { outcome: 'aborted', reason: 'end of hostile test' }));
  });
});

describe('a compromised renderer cannot move a ceremony to another key once it changed KMS (issue 10)', () => {
  it('selecting another key is free until the first KMS change, then refused by id, ARN or alias', async () => {
    await value(
      call('ceremony:start', {
        station: 'online',
        operator: 'Mallory',
        witnesses: ['Trent'],
        resumeCeremonyId: null,
        parameters: null,
      }),
    );
    await value(call('connection:connect', { target: 'emulator' }));
    // Nothing changed in KMS yet: reading a key selects it, and another read selects another.
    await value(call('keys:describe', { keyId: victim.keyId }));
    const own = await value<{ keyId: string; arn: string }>(
      call('keys:create', {
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        description: 'locked',
        alias: 'alias/locked',
        multiRegion: false,
      }),
    );
    const files = snapshot();
    const selected = () => value<{ key: { arn: string } | null }>(call('session:state', {}));
    for (const keyId of [victim.keyId, victim.arn, 'alias/victim']) {
      const error = await refused(call('keys:describe', { keyId }), 'KEY_LOCKED');
      expect(error.message).toContain(`already changed key ${own.arn} in KMS`);
      expect(error.message).toContain(`${victim.arn} cannot be selected`);
      expect(error.hint).toMatch(/start a new ceremony/);
      expect((await selected()).key?.arn).toBe(own.arn);
    }
    expect(snapshot()).toEqual(files); // refused before anything is recorded

    // Reconnecting clears the selection, not the lock; the ceremony's own key is still selectable.
    await value(call('connection:connect', { target: 'emulator' }));
    await refused(call('keys:describe', { keyId: victim.keyId }), 'KEY_LOCKED');
    expect((await value<{ arn: string }>(call('keys:describe', { keyId: 'alias/locked' }))).arn).toBe(
      own.arn,
    );
    await value(call('ceremony:finish', { outcome: 'aborted', reason: 'end of key-lock test' }));
    // Outside a ceremony reading (and selecting) any key is free again.
    await value(call('connection:connect', { target: 'emulator' }));
    expect((await value<{ arn: string }>(call('keys:describe', { keyId: victim.keyId }))).arn).toBe(
      victim.arn,
    );
  });
});

describe('a compromised renderer or a hostile file cannot turn an id into a path (issue 9 item 3)', () => {
  const hostileIds = [
    '../../escaped',
    '..',
    '.',
    'a/b',
    'a\\b',
    '/etc/passwd',
    'C:\\Windows\\x',
    '.hidden',
    '%2e%2e%2fx',
    'x'.repeat(81),
    '',
    'id\u0000.jsonl',
  ];

  it.each(hostileIds)('refuses resume/abort of ceremony %j before any file is touched', async (id) => {
    const before = snapshot();
    await refused(
      call('ceremony:start', {
        station: 'online',
        operator: 'Mallory',
        witnesses: ['Trent'],
        resumeCeremonyId: id,
        parameters: null,
      }),
      'BAD_REQUEST',
    );
    await refused(call('ceremony:abortInterrupted', { ceremonyId: id, reason: 'hostile' }), 'BAD_REQUEST');
    expect(snapshot()).toEqual(before);
  });

  it('gives one answer whether or not a transcript with that id exists, and creates none', async () => {
    const before = snapshot();
    const start = (resumeCeremonyId: string) =>
      call('ceremony:start', {
        station: 'online',
        operator: 'Mallory',
        witnesses: ['Trent'],
        resumeCeremonyId,
        parameters: null,
      });
    const closed = await refused(start(firstCeremony.ceremonyId), 'NOT_RESUMABLE'); // exists, completed
    const absent = await refused(start('20990101T000000Z-abcdef'), 'NOT_RESUMABLE'); // no such file
    expect(absent.hint).toBe(closed.hint);
    expect(absent.message.replace('20990101T000000Z-abcdef', 'ID')).toBe(
      closed.message.replace(firstCeremony.ceremonyId, 'ID'),
    );
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['ceremonyId', (m: Record<string, unknown>) => ({ ...m, ceremonyId: '../../../escaped' })],
    [
      'a file name',
      (m: Record<string, unknown>) => ({ ...m, publicKey: { ...(m.publicKey as object), file: '../x.bin' } }),
    ],
  ])(
    'the offline station refuses a parameters bundle whose manifest has a path-like %s',
    async (_, change) => {
      const copy = path.join(media, `hostile-${Math.random().toString(16).slice(2)}`);
      cpSync(parametersBundle, copy, { recursive: true });
      const manifestFile = path.join(copy, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(manifestFile, JSON.stringify(change(manifest), null, 2));
      const before = snapshot();
      dialogs.answer('folder', copy);
      const error = await refused(
        call(
          'ceremony:start',
          {
            station: 'offline',
            operator: 'Olga',
            witnesses: ['Wes'],
            resumeCeremonyId: null,
            parameters: { from: 'folder', keySpec: null, wrappingAlgorithm: null },
          },
          offline.handlers,
        ),
        'BAD_MANIFEST',
      );
      expect(error.message).toMatch(/letters, digits|file name/);
      expect(snapshot()).toEqual(before);
    },
  );

  it('every reader and writer checks the id itself before the file system (not only the contract)', async () => {
    const before = snapshot();
    const dir = path.join(root, 'online', 'transcripts');
    const expectBadId = async (run: () => unknown) => {
      const error = await Promise.resolve()
        .then(run)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BAD_ID');
    };
    const key = await online.services.station.key();
    for (const id of ['../../escaped', 'a/b', '..']) {
      await expectBadId(() => transcriptPath(dir, id, 'online'));
      await expectBadId(() =>
        openTranscript(path.join(dir, 'x.online.jsonl'), {
          station: 'online',
          ceremonyId: id,
          stationKey: key,
          operator: 'Mallory',
        }),
      );
      await expectBadId(() => pendingPath(root, id));
      await expectBadId(() => writeCeremonyRecord(media, { ceremonyId: id } as never));
    }
    await expectBadId(() => transcriptPath(dir, 'ok-id', '../online' as never));
    expect(snapshot()).toEqual(before);
  });
});

describe('a compromised renderer cannot get past the contract with oversized or wrongly typed payloads', () => {
  const create = {
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    description: '',
    alias: null,
    multiRegion: false,
  };
  const cases: [string, unknown][] = [
    ['keys:create', { ...create, description: 'x'.repeat(8193) }],
    ['keys:create', { ...create, alias: `alias/${'a'.repeat(300)}` }],
    ['keys:create', { ...create, alias: 'alias/../x' }],
    ['keys:create', { ...create, multiRegion: 'yes' }],
    ['keys:create', { ...create, description: Array.from({ length: 100 }, () => [[[]]]) }],
    ['keys:describe', { keyId: 'x'.repeat(2049) }],
    ['keys:describe', { keyId: 42 }],
    ['keys:deleteMaterial', { keyId: [victim?.keyId ?? 'k'] }],
    ['keys:deleteMaterial', {}],
    ['keys:setEnabled', { keyId: 'k', enabled: 'false' }],
    [
      'ceremony:start',
      {
        station: 'online',
        operator: 'x'.repeat(5_000_000),
        witnesses: ['w'],
        resumeCeremonyId: null,
        parameters: null,
      },
    ],
    [
      'ceremony:start',
      {
        station: 'online',
        operator: 'o',
        witnesses: Array(21).fill('w'),
        resumeCeremonyId: null,
        parameters: null,
      },
    ],
    [
      'ceremony:start',
      { station: 'online', operator: 'o', witnesses: 'w', resumeCeremonyId: null, parameters: null },
    ],
    [
      'ceremony:start',
      { station: '../online', operator: 'o', witnesses: ['w'], resumeCeremonyId: null, parameters: null },
    ],
    ['material:load', { format: 'auto', passphrase: 'p'.repeat(1025) }],
    ['material:load', { format: '../../etc/passwd', passphrase: null }],
    ['import:run', { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: 'tomorrow' }],
    ['import:run', { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', justification: 'j'.repeat(2001) }],
    ['connection:connect', { target: 'file' }],
    ['keys:list', 'all of them'],
    ['keys:list', 42],
    ['keys:list', []],
    ['app:info', JSON.parse('{"__proto__": {"polluted": true}}')],
  ];

  it('refuses each with BAD_REQUEST, changes nothing and pollutes nothing', async () => {
    await value(call('connection:connect', { target: 'emulator' }));
    const files = snapshot();
    const kms = await kmsState();
    for (const [channel, payload] of cases) await refused(call(channel, payload), 'BAD_REQUEST');
    await refused(call('shell:openExternal', { url: 'https://evil.example' }), 'UNKNOWN_CHANNEL');
    await refused(call('__proto__', {}), 'UNKNOWN_CHANNEL');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await kmsState()).toEqual(kms);
    expect(snapshot()).toEqual(files);
  });
});
