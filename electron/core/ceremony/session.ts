/**
 * One ceremony, step by step, in the main process. It owns everything sensitive — the KMS connection,
 * the import token and the key material (a wiped Secret) — and hands out only descriptions: lengths,
 * check values, fingerprints and KMS results. Each step checks its preconditions, changes nothing when
 * it fails, and is written to the ceremony's transcript (success or error) once a ceremony is started.
 * Choosing another key, or new parameters, clears what depended on the old ones.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readWrappedBundle, writeParametersBundle, writeWrappedBundle } from '../bundles';
import {
  checkImportCompatibility,
  checkValue,
  generateKeyMaterial,
  IMPORTABLE_KEY_SPECS,
  isKeySpec,
  isWrappingAlgorithm,
  isWrappingKeySpec,
  KEY_SPEC_INFO,
  KEY_SPECS,
  keyUsagesFor,
  loadKeyMaterial,
  parseWrappingPublicKey,
  publicKeyFromMaterial,
  readSecretFile,
  Secret,
  wrapKeyMaterial,
  type KeySpec,
  type MaterialFormat,
  type WrappingAlgorithm,
} from '../crypto';
import { declineAll, type Confirm } from '../confirmation';
import { AppError, toErrorShape } from '../errors';
import { compareFingerprintWords, publicKeyFingerprint } from '../fingerprint';
import { openConnection, type ConnectTarget, type OpenConnection } from '../kms/connect';
import { approveAwsEndpoints, type ConfiguredEndpoint } from '../kms/endpoint-policy';
import type { Station, StationKey } from '../transcript';
import type {
  Connection,
  ImportParameters,
  ImportResult,
  KeyDescription,
  KeySpecOption,
  KeySummary,
  MaterialInfo,
  SessionState,
  Verification,
  WrappedInfo,
} from '../../shared/ipc-contract';
import { CeremonyLog, type CeremonyInfo } from './ceremony-log';
import { checkValidTo } from './expiration';
import { describeKeyMetadata, describeOfflineKey } from './key-description';
import { authorizeKmsAction, deleteMaterialQuestion } from './kms-action-policy';
import { readParameters, type ParametersSelection, type ReadParameters } from './parameters-selection';
import { bundleReadDetails, materialDetails, parametersDetails, type Details } from './transcript-details';
import { writeAllOrNone } from './write-files';
import { verifyAgainstCheckValue, verifyImport } from './verify-import';

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
  now?: () => Date;
}

interface Parameters {
  info: ImportParameters;
  publicKey: Buffer;
  /** Null on the offline station: the token never crosses the air gap. */
  importToken: Buffer | null;
  validTo: Date;
  wrappingAlgorithm: WrappingAlgorithm;
}

interface Wrapped {
  blob: Buffer;
  info: WrappedInfo;
  /** Set when the blob came from an offline station: what the online station can verify against. */
  offlineCheckValue: { kind: string; value: string } | null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export class CeremonySession {
  private conn: (OpenConnection & { now: () => Date }) | null = null;
  private log: CeremonyLog | null = null;
  private station: Station = 'online';
  private key: KeyDescription | null = null;
  private params: Parameters | null = null;
  private material: { secret: Secret; info: MaterialInfo } | null = null;
  private wrapped: Wrapped | null = null;
  private imported: ImportResult | null = null;
  private verification: Verification | null = null;
  /** Offline station: where the parameters came from and the fixes made, shown with them. */
  private parametersSource: SessionState['parametersSource'] = null;

  constructor(private readonly options: SessionOptions) {}

  // ── ceremony & transcript ────────────────────────────────────────────────────────────────────
  /**
   * Opens this station's transcript. The offline station starts by reading the parameters bundle, whose
   * ceremony id it joins, so that both stations' chains belong to one ceremony and can be merged.
   */
  async startCeremony(req: {
    station: Station;
    operator: string;
    witnesses: string[];
    resumeCeremonyId?: string | null;
    parametersInput?: ParametersSelection | null;
  }): Promise<CeremonyInfo> {
    if (!this.options.transcriptsDir || !this.options.stationKey) {
      throw new AppError(
        'NO_TRANSCRIPT_DIR',
        'This station has no transcript folder configured.',
        'Restart the app.',
      );
    }
    if (this.log) {
      throw new AppError(
        'CEREMONY_OPEN',
        `Ceremony ${this.log.info().ceremonyId} is still open.`,
        'Finish or abort it before starting another.',
      );
    }
    const joining = req.station === 'offline' && !req.resumeCeremonyId;
    if (joining && !req.parametersInput) {
      throw new AppError(
        'NEEDS_PARAMETERS',
        'The offline station starts from the import parameters brought from the online station.',
        'Choose the parameters bundle (or the AWS console download, or the CLI JSON).',
      );
    }
    const read = joining ? await readParameters(req.parametersInput!) : null;
    const log = await CeremonyLog.start({
      dir: this.options.transcriptsDir,
      stationKey: await this.options.stationKey(),
      station: req.station,
      operator: req.operator,
      witnesses: req.witnesses,
      resumeCeremonyId: req.resumeCeremonyId ?? null,
      joinCeremonyId: read?.input.ceremonyId ?? null,
    });
    this.disconnect();
    this.station = req.station;
    this.log = log;
    if (read)
      await this.step(
        'bundle.read',
        { kind: 'parameters', path: req.parametersInput!.path },
        () => this.applyParameters(read),
        bundleReadDetails,
      );
    return log.info();
  }

  async finishCeremony(outcome: 'completed' | 'aborted', reason: string): Promise<CeremonyInfo> {
    const log = this.requireLog();
    const info = await log.finish(outcome, reason);
    this.log = null;
    this.disconnect();
    return info;
  }

  ceremony(): CeremonyInfo | null {
    return this.log?.info() ?? null;
  }

  /** The transcript so far, for the viewer, the record and bundles. */
  transcriptText(): Promise<string> {
    return this.requireLog().text();
  }

  private requireLog(): CeremonyLog {
    if (!this.log) throw new AppError('NO_CEREMONY', 'No ceremony is started.', 'Start a ceremony first.');
    return this.log;
  }

  /** Runs one step and writes it to the transcript, with its outcome; errors are recorded, then rethrown. */
  private async step<T>(
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
      await this.log?.record({
        action,
        result: 'error',
        keyArn: this.key?.arn || null,
        details,
        error: { code, message },
      });
      throw error;
    }
    await this.log?.record({
      action,
      result: 'ok',
      keyArn: this.key?.arn || null,
      details: { ...details, ...after?.(value) },
    });
    return value;
  }

  // ── connect ──────────────────────────────────────────────────────────────────────────────────
  /**
   * The renderer names a target only; the endpoint is main's decision (core/kms/endpoint-policy.ts): the
   * emulator's loopback address, or AWS's endpoint from main's environment and AWS config, confirmed
   * through `policy.confirm` (a native dialog) when its host is not AWS's. `policy.endpoint` is for
   * callers that are not the renderer (a ceremony script names its endpoint).
   */
  async connect(
    target: { target: 'emulator' } | { target: 'aws'; profile: string | null; region: string },
    policy: { confirm: Confirm; env?: NodeJS.ProcessEnv; endpoint?: ConfiguredEndpoint | null } = {
      confirm: declineAll,
    },
  ): Promise<Connection> {
    if (this.station === 'offline') {
      throw new AppError(
        'OFFLINE_STATION',
        'This is the offline (air-gapped) station: its KMS gateway is off and it makes no network connection.',
        'Fetch import parameters on the online station and bring the parameters bundle here.',
      );
    }
    return this.step(
      'kms.connected',
      target.target === 'aws'
        ? { target: 'aws', profile: target.profile, region: target.region }
        : { target: 'emulator' },
      async () => {
        let resolved: ConnectTarget;
        let now: (() => Date) | null = this.options.now ?? (() => new Date());
        if (target.target === 'emulator') {
          const emulator = await this.options.emulator();
          resolved = { target: 'emulator', endpoint: emulator.endpoint, region: emulator.region };
          now = emulator.now ? () => emulator.now!() : null;
        } else {
          const env = policy.env ?? process.env;
          const endpoints = await approveAwsEndpoints(
            { profile: target.profile, region: target.region, env, override: policy.endpoint },
            policy.confirm,
          );
          resolved = { ...target, endpoints, env };
        }
        const opened = await openConnection(resolved);
        this.disconnect();
        this.conn = { ...opened, now: now ?? (() => opened.gateway.serverNow()) };
        return this.connection()!;
      },
      (c) => ({
        label: c.label,
        endpoint: c.endpoint,
        endpointSource: c.endpointSource,
        stsEndpoint: this.conn?.stsEndpoint ?? null,
        region: c.region,
        account: c.account,
        principalArn: c.principalArn,
      }),
    );
  }

  disconnect(): void {
    this.conn?.gateway.close();
    this.conn = null;
    this.selectKey(null);
  }

  private connection(): Connection | null {
    if (!this.conn) return null;
    const { target, label, region, endpoint, endpointSource, account, principalArn, userId } = this.conn;
    return { target, label, region, endpoint, endpointSource, account, principalArn, userId };
  }

  private gateway() {
    if (!this.conn) {
      throw new AppError(
        'NOT_CONNECTED',
        this.station === 'offline' ? 'The offline station never connects to KMS.' : 'Not connected to KMS.',
        this.station === 'offline' ? 'Do this step on the online station.' : 'Connect first (step Connect).',
      );
    }
    return this.conn.gateway;
  }

  /** The clock KMS judges expiry by: the connected emulator's or KMS's, else this machine's. */
  now(): Date {
    return this.conn?.now() ?? (this.options.now ?? (() => new Date()))();
  }

  // ── keys ─────────────────────────────────────────────────────────────────────────────────────
  keySpecOptions(): KeySpecOption[] {
    return KEY_SPECS.map((keySpec) => {
      const shape = KEY_SPEC_INFO[keySpec].material;
      return {
        keySpec,
        importable: shape.kind !== 'unsupported',
        reason: shape.kind === 'unsupported' ? shape.reason : null,
        keyUsages: keyUsagesFor(keySpec),
      };
    });
  }

  private async aliasesByKey(): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const alias of await this.gateway().listAliases()) {
      if (!alias.TargetKeyId || !alias.AliasName) continue;
      map.set(alias.TargetKeyId, [...(map.get(alias.TargetKeyId) ?? []), alias.AliasName]);
    }
    return map;
  }

  async listKeys(): Promise<{ keys: KeySummary[]; truncated: boolean }> {
    const gateway = this.gateway();
    const [{ keyIds, truncated }, aliases] = await Promise.all([gateway.listKeys(), this.aliasesByKey()]);
    const keys: KeySummary[] = [];
    for (const keyId of keyIds) {
      const meta = await gateway.describeKey(keyId);
      const { arn, origin, keySpec, keyUsage, keyState, description } = describeKeyMetadata(meta, []);
      keys.push({
        keyId,
        arn,
        aliases: aliases.get(keyId) ?? [],
        origin,
        keySpec,
        keyUsage,
        keyState,
        description,
      });
    }
    return { keys, truncated };
  }

  async createKey(req: {
    keySpec: string;
    keyUsage: string;
    description: string;
    alias: string | null;
    multiRegion: boolean;
  }): Promise<KeyDescription> {
    if (!isKeySpec(req.keySpec) || !IMPORTABLE_KEY_SPECS.includes(req.keySpec)) {
      throw new AppError(
        'BAD_KEY_SPEC',
        `${req.keySpec} keys cannot be created for import here.`,
        `Choose one of: ${IMPORTABLE_KEY_SPECS.join(', ')}.`,
      );
    }
    const usages: string[] = keyUsagesFor(req.keySpec);
    if (!usages.includes(req.keyUsage)) {
      throw new AppError(
        'BAD_KEY_USAGE',
        `${req.keySpec} keys cannot have key usage ${req.keyUsage}.`,
        `Choose one of: ${usages.join(', ')}.`,
      );
    }
    const gateway = this.gateway();
    const log = authorizeKmsAction('CreateKey', { log: this.log, key: this.key });
    const details = {
      keySpec: req.keySpec,
      keyUsage: req.keyUsage,
      alias: req.alias,
      multiRegion: req.multiRegion,
    };
    await log.intent('CreateKey', null, details);
    return this.step(
      'key.created',
      details,
      async () => {
        const meta = await gateway.createKey(req);
        this.selectKey(describeKeyMetadata(meta, []));
        if (req.alias) {
          try {
            await gateway.createAlias(req.alias, meta.KeyId!);
          } catch (error) {
            // The key exists now; say so rather than pretend nothing happened.
            const e = toErrorShape(error);
            throw new AppError(
              e.code,
              `The key ${meta.KeyId} was created, but its alias was not: ${e.message}`,
              e.hint,
            );
          }
          this.key = describeKeyMetadata(meta, [req.alias]);
        }
        return this.key!;
      },
      (k) => ({ keyId: k.keyId, keyState: k.keyState }),
    );
  }

  async describeKey(keyId: string): Promise<KeyDescription> {
    const gateway = this.gateway();
    return this.step(
      'key.described',
      { keyId },
      async () => {
        const meta = await gateway.describeKey(keyId);
        const aliases = (await this.aliasesByKey()).get(meta.KeyId ?? '') ?? [];
        const described = describeKeyMetadata(meta, aliases);
        if (this.key?.keyId === described.keyId) this.key = described;
        else this.selectKey(described);
        return described;
      },
      (k) => ({
        origin: k.origin,
        keySpec: k.keySpec,
        keyUsage: k.keyUsage,
        keyState: k.keyState,
        expirationModel: k.expirationModel,
        validTo: k.validTo,
        keyMaterialId: k.currentKeyMaterialId,
      }),
    );
  }

  async setKeyEnabled(keyId: string, enabled: boolean): Promise<KeyDescription> {
    const action = enabled ? 'EnableKey' : 'DisableKey';
    const log = authorizeKmsAction(action, { log: this.log, key: this.key, keyId });
    this.gateway();
    await log.intent(action, this.key!.arn, { keyId });
    await this.step(enabled ? 'key.enabled' : 'key.disabled', { keyId }, () =>
      this.gateway().setEnabled(keyId, enabled),
    );
    return this.describeKey(keyId);
  }

  /** Only on the ceremony's key, after main's own confirmation naming its ARN and aliases. */
  async deleteImportedKeyMaterial(
    keyId: string,
    confirm: Confirm,
  ): Promise<KeyDescription | { cancelled: true }> {
    const log = authorizeKmsAction('DeleteImportedKeyMaterial', { log: this.log, key: this.key, keyId });
    this.gateway();
    const key = this.key!;
    if (!(await confirm(deleteMaterialQuestion(key)))) {
      await log.record({
        action: 'kms.declined',
        result: 'info',
        keyArn: key.arn,
        details: { operation: 'DeleteImportedKeyMaterial' },
      });
      return { cancelled: true };
    }
    await log.intent('DeleteImportedKeyMaterial', key.arn, { keyId });
    await this.step('material.deleted-from-kms', { keyId }, () =>
      this.gateway().deleteImportedKeyMaterial(keyId),
    );
    if (this.key?.keyId === keyId) {
      this.imported = null;
      this.verification = null;
    }
    return this.describeKey(keyId);
  }

  /** A new key invalidates everything downstream; the material belongs to the old key spec. */
  private selectKey(key: KeyDescription | null): void {
    this.key = key;
    this.clearParameters();
    this.clearMaterial();
  }

  private requireKey(): KeyDescription & { keySpec: KeySpec } {
    const key = this.key;
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

  // ── import parameters ────────────────────────────────────────────────────────────────────────
  async getImportParameters(wrappingAlgorithm: string, wrappingKeySpec: string): Promise<ImportParameters> {
    const key = this.requireKey();
    if (!isWrappingAlgorithm(wrappingAlgorithm) || !isWrappingKeySpec(wrappingKeySpec)) {
      throw new AppError(
        'BAD_WRAPPING',
        `Unknown wrapping algorithm or wrapping key spec: ${wrappingAlgorithm} / ${wrappingKeySpec}.`,
        'Pick them from the lists.',
      );
    }
    const compatibility = checkImportCompatibility(key.keySpec, wrappingAlgorithm, wrappingKeySpec);
    if (!compatibility.allowed) {
      throw new AppError(
        'INCOMPATIBLE',
        `${wrappingAlgorithm} with ${wrappingKeySpec} cannot import ${key.keySpec} material: ${compatibility.reason}`,
        'Pick a combination the list allows; the recommended one is preselected.',
      );
    }
    const gateway = this.gateway();
    const log = authorizeKmsAction('GetParametersForImport', { log: this.log, key });
    const details = { keySpec: key.keySpec, wrappingAlgorithm, wrappingKeySpec };
    await log.intent('GetParametersForImport', key.arn, details);
    return this.step(
      'parameters.fetched',
      details,
      async () => {
        const raw = await gateway.getParametersForImport(key.keyId, wrappingAlgorithm, wrappingKeySpec);
        const publicKey = parseWrappingPublicKey(raw.publicKey);
        if (publicKey.wrappingKeySpec !== wrappingKeySpec) {
          throw new AppError(
            'WRONG_WRAPPING_KEY',
            `KMS returned a ${publicKey.wrappingKeySpec} wrapping key, but ${wrappingKeySpec} was requested.`,
            'Get import parameters again; if it repeats, stop the ceremony and investigate.',
          );
        }
        this.setParameters({
          keyId: key.keyId,
          wrappingAlgorithm,
          wrappingKeySpec,
          publicKeyDer: publicKey.der,
          importToken: raw.importToken,
          validTo: raw.parametersValidTo,
        });
        return this.params!.info;
      },
      parametersDetails,
    );
  }

  /**
   * The saved import parameters of this online station (public key, token, validity), for a scripted
   * ceremony that stopped at the air gap and resumes with the wrapped bundle. The key is described afresh.
   */
  async restoreParameters(saved: {
    keyId: string;
    wrappingAlgorithm: string;
    wrappingKeySpec: string;
    publicKey: Buffer;
    importToken: Buffer;
    parametersValidTo: string;
  }): Promise<ImportParameters> {
    if (!isWrappingAlgorithm(saved.wrappingAlgorithm)) {
      throw new AppError(
        'BAD_WRAPPING',
        `Unknown wrapping algorithm ${saved.wrappingAlgorithm}.`,
        'Check the saved parameters.',
      );
    }
    await this.describeKey(saved.keyId);
    const publicKey = parseWrappingPublicKey(saved.publicKey);
    this.setParameters({
      keyId: this.requireKey().keyId,
      wrappingAlgorithm: saved.wrappingAlgorithm,
      wrappingKeySpec: publicKey.wrappingKeySpec,
      publicKeyDer: publicKey.der,
      importToken: saved.importToken,
      validTo: new Date(saved.parametersValidTo),
    });
    await this.log?.record({
      action: 'parameters.restored',
      result: 'info',
      keyArn: this.key?.arn || null,
      details: parametersDetails(this.params!.info),
    });
    return this.params!.info;
  }

  /** The online station's import parameters as they must be kept across the gap (the token included). */
  savedParameters() {
    const p = this.params;
    if (!p?.importToken) return null;
    return {
      keyId: p.info.keyId,
      wrappingAlgorithm: p.info.wrappingAlgorithm,
      wrappingKeySpec: p.info.wrappingKeySpec,
      publicKey: p.publicKey,
      importToken: p.importToken,
      parametersValidTo: p.info.parametersValidTo,
    };
  }

  private setParameters(p: {
    keyId: string;
    wrappingAlgorithm: WrappingAlgorithm;
    wrappingKeySpec: string;
    publicKeyDer: Buffer;
    importToken: Buffer | null;
    importTokenSha256?: string | null;
    validTo: Date;
  }): void {
    const fp = publicKeyFingerprint(p.publicKeyDer);
    const info: ImportParameters = {
      keyId: p.keyId,
      wrappingAlgorithm: p.wrappingAlgorithm,
      wrappingKeySpec: p.wrappingKeySpec,
      publicKey: { sha256: fp.sha256Hex, groups: fp.hexGroups.join(' '), words: fp.words },
      importTokenSha256: p.importToken ? sha256(p.importToken) : (p.importTokenSha256 ?? ''),
      parametersValidTo: p.validTo.toISOString(),
    };
    this.clearParameters();
    this.params = {
      info,
      publicKey: p.publicKeyDer,
      importToken: p.importToken,
      validTo: p.validTo,
      wrappingAlgorithm: p.wrappingAlgorithm,
    };
  }

  private clearParameters(): void {
    this.params = null;
    this.parametersSource = null;
    this.wrapped = null;
    this.imported = null;
    this.verification = null;
  }

  private requireFreshParameters(): Parameters {
    const params = this.params;
    if (!params)
      throw new AppError(
        'NO_PARAMETERS',
        'There are no import parameters yet.',
        'Get import parameters first.',
      );
    if (params.validTo.getTime() <= this.now().getTime()) {
      throw new AppError(
        'PARAMETERS_EXPIRED',
        `The import parameters expired at ${params.validTo.toISOString()}.`,
        'Get new import parameters, then wrap the key material again.',
      );
    }
    return params;
  }

  /** A witness read the fingerprint aloud on the other station; record whether it matched here. */
  async confirmFingerprint(req: {
    witness: string;
    heardWords: string | null;
  }): Promise<{ matched: boolean; message: string }> {
    const params = this.params;
    if (!params)
      throw new AppError(
        'NO_PARAMETERS',
        'There is no wrapping public key to confirm.',
        'Get or load import parameters first.',
      );
    const expected = Buffer.from(params.info.publicKey.sha256, 'hex');
    const comparison = req.heardWords
      ? compareFingerprintWords(expected, req.heardWords)
      : ({ match: true } as const);
    const matched = comparison.match;
    const message = comparison.match
      ? `${req.witness} confirmed the wrapping public key fingerprint.`
      : comparison.message;
    await this.log?.record({
      action: 'fingerprint.confirmed',
      result: matched ? 'ok' : 'error',
      keyArn: this.key?.arn || null,
      details: {
        publicKeySha256: params.info.publicKey.sha256,
        confirmedBy: req.witness,
        method: req.heardWords ? 'words typed as heard' : 'read aloud and confirmed',
        station: this.station,
      },
      ...(matched ? {} : { error: { code: 'FINGERPRINT_MISMATCH', message } }),
    });
    return { matched, message };
  }

  // ── key material ─────────────────────────────────────────────────────────────────────────────
  async generateKeyMaterial(): Promise<MaterialInfo> {
    const key = this.requireKey();
    return this.step(
      'material.generated',
      { keySpec: key.keySpec },
      async () => {
        const secret = await generateKeyMaterial(key.keySpec);
        return this.adoptMaterial(key.keySpec, secret, {
          source: 'generated',
          fileName: null,
          formatFound: 'generated',
          notes: [],
        });
      },
      materialDetails,
    );
  }

  /**
   * `passphrase` as a Secret (read from a file by a script; the caller wipes it) never becomes a string;
   * `passphraseNotes`: how its file was converted (secret-text.ts), recorded with the material's notes.
   */
  async loadKeyMaterial(
    filePath: string,
    format: MaterialFormat,
    passphrase: string | Secret | null,
    passphraseNotes: string[] = [],
  ): Promise<MaterialInfo> {
    const key = this.requireKey();
    return this.step(
      'material.loaded',
      { keySpec: key.keySpec, fileName: path.basename(filePath), format },
      async () => {
        const file = readSecretFile(filePath);
        // Written straight into a non-pooled buffer: Buffer.from(string) could leave a copy in Node's pool.
        const own =
          typeof passphrase === 'string' && passphrase
            ? Secret.alloc(Buffer.byteLength(passphrase, 'utf8'))
            : undefined;
        if (own && typeof passphrase === 'string') own.use((bytes) => bytes.write(passphrase, 'utf8'));
        const pass = passphrase instanceof Secret ? passphrase : own;
        try {
          const loaded = await loadKeyMaterial(file, { keySpec: key.keySpec, format, passphrase: pass });
          return this.adoptMaterial(key.keySpec, loaded.material, {
            source: 'file',
            fileName: path.basename(filePath),
            formatFound: loaded.formatFound,
            notes: [...passphraseNotes, ...loaded.notes],
          });
        } finally {
          file.fill(0);
          own?.wipe();
        }
      },
      materialDetails,
    );
  }

  private adoptMaterial(
    keySpec: KeySpec,
    secret: Secret,
    origin: Pick<MaterialInfo, 'source' | 'fileName' | 'formatFound' | 'notes'>,
  ): MaterialInfo {
    const cv = checkValue(keySpec, secret);
    const spki = publicKeyFromMaterial(keySpec, secret);
    const info: MaterialInfo = {
      keySpec,
      ...origin,
      length: secret.length,
      checkValue: { kind: cv.kind, value: cv.value, legacyEcbKcv: cv.legacyEcbKcv ?? null },
      publicKeySha256: spki ? sha256(spki) : null,
    };
    this.clearMaterial();
    this.material = { secret, info };
    return info;
  }

  async clearKeyMaterial(): Promise<void> {
    const had = this.material?.info;
    this.clearMaterial();
    if (had)
      await this.log?.record({
        action: 'material.cleared',
        result: 'info',
        keyArn: this.key?.arn || null,
        details: { keySpec: had.keySpec },
      });
  }

  private clearMaterial(): void {
    this.material?.secret.wipe();
    this.material = null;
    if (!this.wrapped?.offlineCheckValue) this.wrapped = null;
  }

  // ── wrap, save, import, verify ───────────────────────────────────────────────────────────────
  async wrap(): Promise<WrappedInfo> {
    const key = this.requireKey();
    const params = this.requireFreshParameters();
    const material = this.material;
    if (!material)
      throw new AppError(
        'NO_MATERIAL',
        'There is no key material yet.',
        'Generate or load key material first.',
      );
    return this.step(
      'material.wrapped',
      {
        keySpec: key.keySpec,
        checkValue: material.info.checkValue.value,
        publicKeySha256: params.info.publicKey.sha256,
      },
      () => {
        const blob = wrapKeyMaterial({
          material: material.secret,
          publicKeyDer: params.publicKey,
          algorithm: params.wrappingAlgorithm,
          keySpec: key.keySpec,
        });
        const info: WrappedInfo = {
          wrappingAlgorithm: params.info.wrappingAlgorithm,
          wrappingKeySpec: params.info.wrappingKeySpec,
          size: blob.length,
          sha256: sha256(blob),
        };
        this.wrapped = { blob, info, offlineCheckValue: null };
        return info;
      },
      (w) => ({ wrappingAlgorithm: w.wrappingAlgorithm, size: w.size, encryptedKeyMaterialSha256: w.sha256 }),
    );
  }

  /** Writes the three files the AWS console and CLI name; never overwrites. None of them is key material. */
  async saveImportFiles(
    folder: string,
  ): Promise<{ folder: string; files: { name: string; size: number; sha256: string }[] }> {
    const params = this.params;
    const wrapped = this.wrapped;
    if (!params || !wrapped)
      throw new AppError('NOT_WRAPPED', 'Nothing is wrapped yet.', 'Wrap the key material first.');
    const files: [string, Buffer][] = [
      ['EncryptedKeyMaterial.bin', wrapped.blob],
      ...(params.importToken ? [['ImportToken.bin', params.importToken] as [string, Buffer]] : []),
      ['WrappingPublicKey.bin', params.publicKey],
    ];
    return this.step(
      'files.saved',
      { folder },
      async () => {
        await writeAllOrNone(folder, files);
        return {
          folder,
          files: files.map(([name, data]) => ({ name, size: data.length, sha256: sha256(data) })),
        };
      },
      (r) => ({ files: r.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`) }),
    );
  }

  async importKeyMaterial(
    req:
      | { expirationModel: 'KEY_MATERIAL_EXPIRES'; validTo: string }
      | { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string },
  ): Promise<ImportResult> {
    const key = this.requireKey();
    const params = this.requireFreshParameters();
    const wrapped = this.wrapped;
    if (!wrapped)
      throw new AppError('NOT_WRAPPED', 'The key material is not wrapped yet.', 'Wrap it first (step Wrap).');
    if (!params.importToken) {
      throw new AppError(
        'NO_TOKEN',
        'This station does not hold the import token.',
        'Import on the online station.',
      );
    }
    const validTo = req.expirationModel === 'KEY_MATERIAL_EXPIRES' ? new Date(req.validTo) : null;
    if (validTo) checkValidTo(validTo, this.now());
    const details: Details = {
      expirationModel: req.expirationModel,
      validTo: validTo?.toISOString() ?? null,
      justification: req.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE' ? req.justification : null,
      encryptedKeyMaterialSha256: wrapped.info.sha256,
      importTokenSha256: params.info.importTokenSha256,
    };
    const gateway = this.gateway();
    const log = authorizeKmsAction('ImportKeyMaterial', { log: this.log, key });
    await log.intent('ImportKeyMaterial', key.arn, details);
    const { keyMaterialId } = await this.step(
      'material.imported',
      details,
      () =>
        gateway.importKeyMaterial({
          keyId: key.keyId,
          importToken: params.importToken!,
          encryptedKeyMaterial: wrapped.blob,
          expirationModel: req.expirationModel,
          validTo,
        }),
      (r) => ({ keyMaterialId: r.keyMaterialId }),
    );
    const after = await this.describeKey(key.keyId);
    this.imported = {
      keyId: key.keyId,
      keyState: after.keyState ?? 'Unknown',
      expirationModel: after.expirationModel ?? req.expirationModel,
      validTo: after.validTo,
      keyMaterialId: keyMaterialId ?? after.currentKeyMaterialId,
      importedAt: this.now().toISOString(),
    };
    this.verification = null;
    return this.imported;
  }

  async verify(): Promise<Verification> {
    const key = this.requireKey();
    const offline = this.wrapped?.offlineCheckValue ?? null;
    if (!this.material && !offline) {
      throw new AppError(
        'NO_MATERIAL',
        'There is no key material or check value to compare with.',
        'Load the material that was imported.',
      );
    }
    const fresh = await this.describeKey(key.keyId);
    if (fresh.keyState !== 'Enabled') {
      throw new AppError(
        'NOT_ENABLED',
        `The key is ${fresh.keyState}, so KMS cannot use it to prove the import.`,
        fresh.keyState === 'PendingImport'
          ? 'Import the key material first.'
          : 'Enable the key, then verify.',
      );
    }
    const common = {
      gateway: this.gateway(),
      keyId: key.keyId,
      keySpec: key.keySpec,
      keyUsage: fresh.keyUsage ?? '',
    };
    return this.step(
      'import.verified',
      { keySpec: key.keySpec },
      async () => {
        const result = this.material
          ? await verifyImport({ ...common, material: this.material.secret })
          : await verifyAgainstCheckValue({ ...common, checkValue: offline! });
        this.verification = { ...result, keyMaterialId: fresh.currentKeyMaterialId };
        if (!result.passed) {
          throw new AppError(
            'VERIFICATION_FAILED',
            `KMS does not hold the officers' material: ${result.checks
              .filter((c) => !c.passed)
              .map((c) => c.name)
              .join('; ')}.`,
            'Stop the ceremony. Do not use this key; delete its imported material and investigate.',
          );
        }
        return this.verification;
      },
      (v) => ({
        method: v.method,
        passed: v.passed,
        keyMaterialId: v.keyMaterialId,
        checks: v.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'} ${c.name}`),
      }),
    );
  }

  // ── air gap: bundles ─────────────────────────────────────────────────────────────────────────
  /** Online station: writes the parameters bundle (public key + manifest; the token stays here). */
  async exportParametersBundle(folder: string) {
    const key = this.requireKey();
    const params = this.params;
    const log = this.requireLog();
    if (!params?.importToken)
      throw new AppError(
        'NO_PARAMETERS',
        'There are no import parameters yet.',
        'Get import parameters first.',
      );
    const target = path.join(folder, `${log.info().ceremonyId}-parameters`);
    return this.step(
      'bundle.written',
      { kind: 'parameters', path: target },
      () =>
        writeParametersBundle(target, {
          ceremonyId: log.info().ceremonyId,
          keyArn: key.arn,
          keySpec: key.keySpec,
          wrappingAlgorithm: params.wrappingAlgorithm,
          wrappingKeySpec: params.info.wrappingKeySpec as never,
          parametersValidTo: params.validTo,
          publicKey: params.publicKey,
          importToken: params.importToken!,
          onlineStationKeyId: log.info().stationKeyId,
        }),
      (b) => ({
        files: b.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`),
        publicKeySha256: params.info.publicKey.sha256,
      }),
    );
  }

  /** Offline station: reads a parameters bundle, a console download or CLI JSON; shows every fix made. */
  async loadParametersBundle(selection: ParametersSelection) {
    const log = this.requireLog();
    return this.step(
      'bundle.read',
      { kind: 'parameters', path: selection.path },
      async () => {
        const read = await readParameters(selection);
        const joined = read.input.ceremonyId;
        if (joined && joined !== log.info().ceremonyId) {
          throw new AppError(
            'BUNDLE_MISMATCH',
            `This parameters bundle belongs to ceremony ${joined}, not to ${log.info().ceremonyId}.`,
            'Use the bundle the online station wrote for this ceremony, or start a new ceremony from it.',
          );
        }
        return this.applyParameters(read);
      },
      bundleReadDetails,
    );
  }

  private applyParameters({ input, keySpec, wrappingAlgorithm }: ReadParameters) {
    const arn = input.keyArn ?? (input.keyId ? `key/${input.keyId}` : 'unknown key');
    this.selectKey(describeOfflineKey(arn, keySpec));
    this.setParameters({
      keyId: arn,
      wrappingAlgorithm,
      wrappingKeySpec: input.wrappingKeySpec,
      publicKeyDer: input.publicKey,
      importToken: null,
      importTokenSha256: input.importTokenSha256,
      validTo: new Date(input.parametersValidTo!),
    });
    const fixes = input.files.flatMap((f) =>
      f.fixes.map((fix) => ({ file: f.name, what: fix.what, before: fix.before, after: fix.after })),
    );
    this.parametersSource = { source: input.source, fixes, warnings: input.warnings };
    return {
      source: input.source,
      parameters: this.params!.info,
      keyArn: arn,
      keySpec,
      fixes,
      warnings: input.warnings,
    };
  }

  /** Offline station: writes the wrapped bundle with the check value and this station's transcript so far. */
  async exportWrappedBundle(folder: string) {
    const key = this.requireKey();
    const log = this.requireLog();
    const params = this.requireFreshParameters();
    const wrapped = this.wrapped;
    const material = this.material;
    if (!wrapped || !material)
      throw new AppError('NOT_WRAPPED', 'Nothing is wrapped yet.', 'Wrap the key material first.');
    const target = path.join(folder, `${log.info().ceremonyId}-wrapped`);
    const segment = await log.text();
    const cv = material.info.checkValue;
    return this.step(
      'bundle.written',
      {
        kind: 'wrapped',
        path: target,
        encryptedKeyMaterialSha256: wrapped.info.sha256,
        checkValue: cv.value,
      },
      () =>
        writeWrappedBundle(target, {
          ceremonyId: log.info().ceremonyId,
          keyArn: key.arn.startsWith('arn:') ? key.arn : null,
          keySpec: key.keySpec,
          wrappingAlgorithm: params.wrappingAlgorithm,
          wrappingKeySpec: params.info.wrappingKeySpec as never,
          parametersValidTo: params.validTo,
          publicKey: params.publicKey,
          importTokenSha256: params.info.importTokenSha256 || null,
          encryptedKeyMaterial: wrapped.blob,
          checkValue: {
            kind: cv.kind as 'AES-CMAC',
            value: cv.value,
            ...(cv.legacyEcbKcv ? { legacyEcbKcv: cv.legacyEcbKcv } : {}),
          },
          transcriptSegment: segment,
        }),
      (b) => ({ files: b.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`) }),
    );
  }

  /** Online station: accepts a wrapped bundle only for its own, unexpired parameters, and merges the offline transcript. */
  async loadWrappedBundle(
    input: string,
  ): Promise<WrappedInfo & { checkValue: { kind: string; value: string }; offlineEvents: number }> {
    const key = this.requireKey();
    const params = this.requireFreshParameters();
    const log = this.requireLog();
    return this.step(
      'bundle.read',
      { kind: 'wrapped', path: input },
      async () => {
        const bundle = await readWrappedBundle(input, {
          expectedPublicKeySha256: params.info.publicKey.sha256,
          expectedImportTokenSha256: params.info.importTokenSha256 || null,
          now: this.now(),
        });
        if (bundle.manifest.keySpec !== key.keySpec) {
          throw new AppError(
            'BUNDLE_MISMATCH',
            `The wrapped bundle holds ${bundle.manifest.keySpec} material, but this key is ${key.keySpec}.`,
            'Use the bundle made for this key.',
          );
        }
        await log.mergeSegment(bundle.transcriptSegment, {
          encryptedKeyMaterialSha256: bundle.manifest.encryptedKeyMaterial.sha256,
        });
        const info: WrappedInfo = {
          wrappingAlgorithm: bundle.manifest.wrappingAlgorithm,
          wrappingKeySpec: bundle.manifest.wrappingKeySpec,
          size: bundle.encryptedKeyMaterial.length,
          sha256: bundle.manifest.encryptedKeyMaterial.sha256,
        };
        this.clearMaterial();
        this.wrapped = {
          blob: bundle.encryptedKeyMaterial,
          info,
          offlineCheckValue: bundle.manifest.checkValue,
        };
        return {
          ...info,
          checkValue: { kind: bundle.manifest.checkValue.kind, value: bundle.manifest.checkValue.value },
          offlineEvents: bundle.segment.events,
        };
      },
      (w) => ({
        encryptedKeyMaterialSha256: w.sha256,
        checkValue: w.checkValue.value,
        offlineEvents: w.offlineEvents,
      }),
    );
  }

  state(): SessionState {
    return {
      station: this.station,
      ceremony: this.ceremony(),
      connection: this.connection(),
      key: this.key,
      parameters: this.params?.info ?? null,
      material: this.material?.info ?? null,
      wrapped: this.wrapped
        ? { ...this.wrapped.info, fromOfflineStation: this.wrapped.offlineCheckValue !== null }
        : null,
      parametersSource: this.parametersSource,
      imported: this.imported,
      verification: this.verification,
    };
  }

  /** Wipes the material and forgets the connection (app quit). The transcript stays open for resume. */
  async close(): Promise<void> {
    this.disconnect();
    await this.log?.close();
    this.log = null;
  }
}

export type { ParametersSelection };
