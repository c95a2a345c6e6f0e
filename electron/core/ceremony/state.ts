/**
 * The one explicit state of a ceremony on this station, and the small helpers every step shares: what
 * it requires (a ceremony, a connection, a key, fresh parameters), what a change invalidates (a new key
 * clears the parameters and material; new parameters clear the wrap and import), and `runStep`, which
 * writes each step to the transcript with its outcome. The steps under ./steps/ are functions of it.
 */
import { createHash } from 'node:crypto';
import { isKeySpec, type KeySpec, type Secret, type WrappingAlgorithm } from '../crypto';
import { AppError, toErrorShape } from '../errors';
import { publicKeyFingerprint } from '../fingerprint';
import type { OpenConnection } from '../kms/connect';
import type { Station, StationKey, FileIo } from '../transcript';
import type {
  Connection,
  ImportParameters,
  ImportResult,
  KeyDescription,
  MaterialInfo,
  SessionState,
  Verification,
  WrappedInfo,
} from '../../shared/ipc-contract';
import type { ApprovalRequest } from './approval';
import type { CeremonyLog } from './ceremony-log';
import { clearCustodyEntry, newCustodyState, type CustodyState } from './custody-state';
import type { Roles } from './policy';
import type { MultiRegionState } from './multi-region/multi-region-state';
import type { AirGapRegion } from './multi-region/air-gap-regions';
import type { RotationState } from './rotation/rotation-state';
import type { ImportRequest } from './steps/import';
import type { Details } from './transcript-details';

export interface EmulatorEndpoint {
  endpoint: string;
  region: string;
  /** Its clock, when in this process; otherwise read from its answers' `Date` header (kms/server-clock.ts). */
  now?(): Date;
}

export interface SessionOptions {
  /** Starts (once) and returns the embedded emulator. */
  emulator: () => Promise<EmulatorEndpoint>;
  /** Where transcripts live, and the station's Ed25519 key (needed to start a ceremony). */
  transcriptsDir?: string;
  stationKey?: () => Promise<StationKey>;
  /** How transcripts are written (core/transcript/append-file.ts): default 'thread-pool'; the CLI: 'blocking'. */
  transcriptIo?: FileIo;
  now?: () => Date;
}

export interface Parameters {
  info: ImportParameters;
  publicKey: Buffer;
  /** Null on the offline station: the token never crosses the air gap. */
  importToken: Buffer | null;
  validTo: Date;
  wrappingAlgorithm: WrappingAlgorithm;
}

export interface Wrapped {
  blob: Buffer;
  info: WrappedInfo;
  /** Set when the blob came from an offline station: what the online station can verify against. */
  offlineCheckValue: { kind: string; value: string } | null;
}

export interface CeremonyState {
  readonly options: SessionOptions;
  /** `openRegion`: another Region with this connection's credentials and endpoint policy (AWS; ./steps/connect.ts). */
  conn:
    (OpenConnection & { now: () => Date; openRegion?: (region: string) => Promise<OpenConnection> }) | null;
  log: CeremonyLog | null;
  station: Station;
  key: KeyDescription | null;
  params: Parameters | null;
  material: { secret: Secret; info: MaterialInfo } | null;
  wrapped: Wrapped | null;
  imported: ImportResult | null;
  verification: Verification | null;
  /** Offline station: where the parameters came from and the fixes made, shown with them. */
  parametersSource: SessionState['parametersSource'];
  // What the policy (./policy.ts) reads; reset when a ceremony starts.
  roles: Roles | null;
  keysCreated: number;
  /** Witnesses who confirmed the current wrapping public key's fingerprint on this station. */
  fingerprintConfirmedBy: string[];
  /** The import approval request in force and who approved it (see ./approval.ts). */
  approval: {
    request: ApprovalRequest;
    digest: string;
    importRequest: ImportRequest;
    approvedBy: string[];
  } | null;
  /** Material imported in this ceremony, per key: the last entry for a key is the check value in force. */
  imports: { keyId: string; checkValue: string }[];
  /** A rotation of imported material in this ceremony (./rotation/). */
  rotation: RotationState | null;
  /** A multi-Region ceremony's Regions (./multi-region/). */
  multiRegion: MultiRegionState | null;
  /** A multi-Region key's other Regions across the air gap (./multi-region/air-gap-regions.ts). */
  airGapRegions: AirGapRegion[];
  /** Components or shares being entered, and backups made (issue 11, ./custody-state.ts). */
  custody: CustodyState;
  /** The key this ceremony changed in KMS: from then on no other key may be selected (policy `key-not-locked`). */
  lockedKey: { keyId: string; arn: string } | null;
}

export function newCeremonyState(options: SessionOptions): CeremonyState {
  return {
    options,
    conn: null,
    log: null,
    station: 'online',
    key: null,
    params: null,
    material: null,
    wrapped: null,
    imported: null,
    verification: null,
    parametersSource: null,
    roles: null,
    keysCreated: 0,
    fingerprintConfirmedBy: [],
    approval: null,
    imports: [],
    rotation: null,
    multiRegion: null,
    airGapRegions: [],
    custody: newCustodyState(),
    lockedKey: null,
  };
}

/**
 * Records the intent of a KMS call that changes state (before the call) and locks the selected key: a
 * ceremony that has changed a key in KMS stays on that key. CreateKey locks the key it creates instead.
 */
export async function kmsIntent(s: CeremonyState, operation: string, details: Details): Promise<void> {
  await requireLog(s).intent(operation, operation === 'CreateKey' ? null : (s.key?.arn ?? null), details);
  if (s.key && operation !== 'CreateKey') s.lockedKey ??= { keyId: s.key.keyId, arn: s.key.arn };
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function requireLog(s: CeremonyState): CeremonyLog {
  if (!s.log) throw new AppError('NO_CEREMONY', 'No ceremony is started.', 'Start a ceremony first.');
  return s.log;
}

/** Runs one step and writes it to the transcript, with its outcome; errors are recorded, then rethrown. */
export async function runStep<T>(
  s: CeremonyState,
  action: string,
  details: Details,
  run: () => Promise<T> | T,
  after?: (value: T) => Details,
) {
  let value: T;
  try {
    value = await run();
  } catch (error) {
    const { code, message } = toErrorShape(error);
    await s.log?.record({
      action,
      result: 'error',
      keyArn: s.key?.arn || null,
      details,
      error: { code, message },
    });
    throw error;
  }
  await s.log?.record({
    action,
    result: 'ok',
    keyArn: s.key?.arn || null,
    details: { ...details, ...after?.(value) },
  });
  return value;
}

export function connection(s: CeremonyState): Connection | null {
  if (!s.conn) return null;
  const { target, label, region, endpoint, endpointSource, account, principalArn, userId } = s.conn;
  return { target, label, region, endpoint, endpointSource, account, principalArn, userId };
}

export function disconnect(s: CeremonyState): void {
  for (const other of s.multiRegion?.connections.values() ?? []) if (other !== s.conn) other.gateway.close();
  s.multiRegion = null;
  s.conn?.gateway.close();
  s.conn = null;
  selectKey(s, null);
}

export function gateway(s: CeremonyState) {
  if (!s.conn) {
    throw new AppError(
      'NOT_CONNECTED',
      s.station === 'offline' ? 'The offline station never connects to KMS.' : 'Not connected to KMS.',
      s.station === 'offline' ? 'Do this step on the online station.' : 'Connect first (step Connect).',
    );
  }
  return s.conn.gateway;
}

/** The clock KMS judges expiry by: the connected emulator's or KMS's, else this machine's. */
export function now(s: CeremonyState): Date {
  return s.conn?.now() ?? (s.options.now ?? (() => new Date()))();
}

/** A new key invalidates everything downstream; the material belongs to the old key spec. */
export function selectKey(s: CeremonyState, key: KeyDescription | null): void {
  s.key = key;
  s.airGapRegions = [];
  clearParameters(s);
  clearMaterial(s);
  clearCustodyEntry(s.custody);
}

export function requireKey(s: CeremonyState): KeyDescription & { keySpec: KeySpec } {
  const key = s.key;
  if (!key) throw new AppError('NO_KEY', 'No key is selected.', 'Pick or create a key first (step Key).');
  if (!key.keySpec || !isKeySpec(key.keySpec)) {
    throw new AppError(
      'BAD_KEY_SPEC',
      `This app cannot import ${key.keySpec} key material.`,
      'Choose another key.',
    );
  }
  if (key.importability.mode === 'none') {
    throw new AppError(
      'NOT_IMPORTABLE',
      key.importability.explanation,
      'Choose or create a key with Origin EXTERNAL.',
    );
  }
  return key as KeyDescription & { keySpec: KeySpec };
}

export function setParameters(
  s: CeremonyState,
  p: {
    keyId: string;
    wrappingAlgorithm: WrappingAlgorithm;
    wrappingKeySpec: string;
    publicKeyDer: Buffer;
    importToken: Buffer | null;
    importTokenSha256?: string | null;
    validTo: Date;
  },
): void {
  const fp = publicKeyFingerprint(p.publicKeyDer);
  const info: ImportParameters = {
    keyId: p.keyId,
    wrappingAlgorithm: p.wrappingAlgorithm,
    wrappingKeySpec: p.wrappingKeySpec,
    publicKey: { sha256: fp.sha256Hex, groups: fp.hexGroups.join(' '), words: fp.words },
    importTokenSha256: p.importToken ? sha256(p.importToken) : (p.importTokenSha256 ?? ''),
    parametersValidTo: p.validTo.toISOString(),
  };
  clearParameters(s);
  s.params = {
    info,
    publicKey: p.publicKeyDer,
    importToken: p.importToken,
    validTo: p.validTo,
    wrappingAlgorithm: p.wrappingAlgorithm,
  };
}

export function clearParameters(s: CeremonyState): void {
  s.params = null;
  s.fingerprintConfirmedBy = [];
  s.parametersSource = null;
  s.wrapped = null;
  s.imported = null;
  s.verification = null;
}

export function requireFreshParameters(s: CeremonyState): Parameters {
  const params = s.params;
  if (!params)
    throw new AppError(
      'NO_PARAMETERS',
      'There are no import parameters yet.',
      'Get import parameters first.',
    );
  if (params.validTo.getTime() <= now(s).getTime()) {
    throw new AppError(
      'PARAMETERS_EXPIRED',
      `The import parameters expired at ${params.validTo.toISOString()}.`,
      'Get new import parameters, then wrap the key material again.',
    );
  }
  return params;
}

export function clearMaterial(s: CeremonyState): void {
  s.material?.secret.wipe();
  s.material = null;
  if (!s.wrapped?.offlineCheckValue) s.wrapped = null;
  // The other Regions' blobs wrap this material too (offline); those read from a wrapped bundle stay.
  for (const r of s.airGapRegions) if (!r.offlineCheckValue) r.wrapped = null;
}
