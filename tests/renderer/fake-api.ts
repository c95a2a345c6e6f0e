/**
 * A typed fake `window.ceremony` for component tests only (e2e uses the real handlers through the bridge).
 * Every method answers from `answers`, or fails loudly if a test did not expect the call.
 */
import { vi } from 'vitest';
import type {
  CeremonyApi,
  ImportParameters,
  KeyDescription,
  MaterialInfo,
  Result,
  SessionState,
} from '../../electron/shared/ipc-contract';
import { channels } from '../../electron/shared/channels';
import { EMPTY_SESSION } from '../../renderer/src/steps';
import { useUi } from '../../renderer/src/store';

type Method = keyof CeremonyApi;
type Answer<M extends Method> = Awaited<ReturnType<CeremonyApi[M]>>;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
export function fail(code: string, message: string, hint: string): Result<never> {
  return { ok: false, error: { code, message, hint } };
}

export function installFakeApi(
  answers: { [M in Method]?: Answer<M> | ((req: Parameters<CeremonyApi[M]>[0]) => Answer<M>) },
  /** What main's session looks like after the calls; by default, unchanged. */
  session?: SessionState,
) {
  const api = {} as Record<Method, ReturnType<typeof vi.fn>>;
  for (const method of Object.values(channels) as Method[]) {
    api[method] = vi.fn(async (req: unknown) => {
      if (method === 'sessionState' && !answers.sessionState) return ok(session ?? useUi.getState().session);
      const a = answers[method] as unknown;
      if (a === undefined) throw new Error(`unexpected call ${method}`);
      return typeof a === 'function' ? (a as (r: unknown) => unknown)(req) : a;
    });
  }
  Object.defineProperty(window, 'ceremony', { value: api, configurable: true, writable: false });
  return api as unknown as { [M in Method]: ReturnType<typeof vi.fn> & CeremonyApi[M] };
}

/** Puts the store back to its first state, with `session` as main's last answer. */
export function resetStore(session: SessionState = EMPTY_SESSION) {
  useUi.setState({
    session,
    restored: true,
    step: 'connect',
    busy: null,
    errors: {},
    parametersExpired: false,
  });
}

export const symmetricKey: KeyDescription = {
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  aliases: ['alias/ceremony'],
  origin: 'EXTERNAL',
  keySpec: 'SYMMETRIC_DEFAULT',
  keyUsage: 'ENCRYPT_DECRYPT',
  keyState: 'PendingImport',
  description: '',
  expirationModel: null,
  validTo: null,
  currentKeyMaterialId: null,
  multiRegion: false,
  creationDate: '2026-11-28T10:00:00.000Z',
  importability: { mode: 'first-import', explanation: 'The key is waiting for its key material.' },
  combinations: [
    { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048', allowed: true, reason: null },
    { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_4096', allowed: true, reason: null },
    {
      wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
      wrappingKeySpec: 'RSA_4096',
      allowed: false,
      reason: 'KMS rejects RSA_AES_KEY_WRAP_* for symmetric material.',
    },
    {
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'SM2',
      allowed: false,
      reason: 'SM2 is China Regions only.',
    },
  ],
  recommended: { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_4096' },
};

export const parameters: ImportParameters = {
  keyId: symmetricKey.keyId,
  wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
  wrappingKeySpec: 'RSA_4096',
  publicKey: { sha256: 'ab'.repeat(32), groups: 'ABAB '.repeat(16).trim(), words: ['stopwatch', 'Bradbury'] },
  importTokenSha256: 'cd'.repeat(32),
  parametersValidTo: new Date(Date.now() + 23 * 3_600_000).toISOString(),
};

export const material: MaterialInfo = {
  keySpec: 'SYMMETRIC_DEFAULT',
  source: 'file',
  fileName: 'material.bin',
  length: 32,
  formatFound: 'raw',
  notes: [],
  checkValue: { kind: 'AES-CMAC', value: '4E2945', legacyEcbKcv: null },
  publicKeySha256: null,
};

// Asserted, not annotated: later contract versions add fields the wizard does not read.
export const wrapped = {
  wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
  wrappingKeySpec: 'RSA_4096',
  size: 512,
  sha256: 'ef'.repeat(32),
  fromOfflineStation: false,
} as NonNullable<SessionState['wrapped']>;

export const connection = {
  target: 'emulator' as const,
  label: 'Local emulator — rehearsal',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:1',
  endpointSource: 'embedded emulator on loopback, started by this app',
  account: '111122223333',
  principalArn: 'arn:aws:iam::111122223333:root',
  userId: '111122223333',
};

export const ceremony = {
  ceremonyId: '20261128-104500-ab12cd',
  station: 'online' as const,
  operator: 'Alice Operator',
  witnesses: ['Wendy Witness'],
  transcriptPath: '/tmp/transcripts/20261128-104500-ab12cd.jsonl',
  stationKeyId: '12'.repeat(16),
  events: 3,
  headHash: '34'.repeat(32),
};
