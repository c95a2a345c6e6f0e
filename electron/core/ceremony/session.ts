/**
 * One ceremony, step by step, in the main process. It owns everything sensitive — the KMS connection,
 * the import token and the key material (a wiped Secret) — and hands out only descriptions: lengths,
 * check values, fingerprints and KMS results. Each step checks its preconditions and changes nothing
 * when it fails. Choosing another key, or new parameters, clears what depended on the old ones.
 */
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
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
import { AppError } from '../errors';
import { publicKeyFingerprint } from '../fingerprint';
import { openConnection, type ConnectTarget, type OpenConnection } from '../kms/connect';
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
import { checkValidTo } from './expiration';
import { describeKeyMetadata } from './key-description';

import { verifyImport } from './verify-import';

export interface EmulatorEndpoint {
  endpoint: string;
  region: string;
  accountId: string;
  now(): Date;
}

export interface SessionOptions {
  /** Starts (once) and returns the embedded emulator. */
  emulator: () => Promise<EmulatorEndpoint>;
  now?: () => Date;
}

interface Parameters {
  info: ImportParameters;
  publicKey: Buffer;
  importToken: Buffer;
  validTo: Date;
  wrappingAlgorithm: WrappingAlgorithm;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export class CeremonySession {
  private conn: (OpenConnection & { now: () => Date }) | null = null;
  private key: KeyDescription | null = null;
  private params: Parameters | null = null;
  private material: { secret: Secret; info: MaterialInfo } | null = null;
  private wrapped: { blob: Buffer; info: WrappedInfo } | null = null;
  private imported: ImportResult | null = null;
  private verification: Verification | null = null;

  constructor(private readonly options: SessionOptions) {}

  // ── connect ──────────────────────────────────────────────────────────────────────────────────
  async connect(
    target:
      | { target: 'emulator' }
      | { target: 'aws'; profile: string | null; region: string; endpoint: string | null },
  ): Promise<Connection> {
    let resolved: ConnectTarget;
    let now = this.options.now ?? (() => new Date());
    if (target.target === 'emulator') {
      const emulator = await this.options.emulator();
      resolved = {
        target: 'emulator',
        endpoint: emulator.endpoint,
        region: emulator.region,
        accountId: emulator.accountId,
      };
      now = () => emulator.now();
    } else {
      resolved = target;
    }
    const opened = await openConnection(resolved);
    this.disconnect();
    this.conn = { ...opened, now };
    return this.connection()!;
  }

  disconnect(): void {
    this.conn?.gateway.close();
    this.conn = null;
    this.selectKey(null);
  }

  private connection(): Connection | null {
    if (!this.conn) return null;
    const { target, label, region, endpoint, account, principalArn, userId } = this.conn;
    return { target, label, region, endpoint, account, principalArn, userId };
  }

  private gateway() {
    if (!this.conn)
      throw new AppError('NOT_CONNECTED', 'Not connected to KMS.', 'Connect first (step Connect).');
    return this.conn.gateway;
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
    const meta = await gateway.createKey(req);
    const aliases: string[] = [];
    if (req.alias) {
      try {
        await gateway.createAlias(req.alias, meta.KeyId!);
        aliases.push(req.alias);
      } catch (error) {
        // The key exists now; say so rather than pretend nothing happened.
        const e = error as AppError;
        throw new AppError(
          e.code,
          `The key ${meta.KeyId} was created, but its alias was not: ${e.message}`,
          e.hint,
        );
      }
    }
    this.selectKey(describeKeyMetadata(meta, aliases));
    return this.key!;
  }

  async describeKey(keyId: string): Promise<KeyDescription> {
    const gateway = this.gateway();
    const meta = await gateway.describeKey(keyId);
    const aliases = (await this.aliasesByKey()).get(meta.KeyId ?? '') ?? [];
    const described = describeKeyMetadata(meta, aliases);
    if (this.key?.keyId === described.keyId) this.key = described;
    else this.selectKey(described);
    return described;
  }

  async setKeyEnabled(keyId: string, enabled: boolean): Promise<KeyDescription> {
    await this.gateway().setEnabled(keyId, enabled);
    return this.describeKey(keyId);
  }

  async deleteImportedKeyMaterial(keyId: string): Promise<KeyDescription> {
    await this.gateway().deleteImportedKeyMaterial(keyId);
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
    const raw = await this.gateway().getParametersForImport(key.keyId, wrappingAlgorithm, wrappingKeySpec);
    const publicKey = parseWrappingPublicKey(raw.publicKey);
    if (publicKey.wrappingKeySpec !== wrappingKeySpec) {
      throw new AppError(
        'WRONG_WRAPPING_KEY',
        `KMS returned a ${publicKey.wrappingKeySpec} wrapping key, but ${wrappingKeySpec} was requested.`,
        'Get import parameters again; if it repeats, stop the ceremony and investigate.',
      );
    }
    const fp = publicKeyFingerprint(publicKey.der);
    const info: ImportParameters = {
      keyId: key.keyId,
      wrappingAlgorithm,
      wrappingKeySpec,
      publicKey: { sha256: fp.sha256Hex, groups: fp.hexGroups.join(' '), words: fp.words },
      importTokenSha256: sha256(raw.importToken),
      parametersValidTo: raw.parametersValidTo.toISOString(),
    };
    this.clearParameters();
    this.params = {
      info,
      publicKey: publicKey.der,
      importToken: raw.importToken,
      validTo: raw.parametersValidTo,
      wrappingAlgorithm,
    };
    return info;
  }

  private clearParameters(): void {
    this.params = null;
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

  private now(): Date {
    return this.conn?.now() ?? (this.options.now ?? (() => new Date()))();
  }

  // ── key material ─────────────────────────────────────────────────────────────────────────────
  async generateKeyMaterial(): Promise<MaterialInfo> {
    const key = this.requireKey();
    const secret = await generateKeyMaterial(key.keySpec);
    return this.adoptMaterial(key.keySpec, secret, {
      source: 'generated',
      fileName: null,
      formatFound: 'generated',
      notes: [],
    });
  }

  async loadKeyMaterial(
    filePath: string,
    format: MaterialFormat,
    passphrase: string | null,
  ): Promise<MaterialInfo> {
    const key = this.requireKey();
    const file = readSecretFile(filePath);
    // Written straight into a non-pooled buffer: Buffer.from(string) could leave a copy in Node's pool.
    const pass = passphrase ? Secret.alloc(Buffer.byteLength(passphrase, 'utf8')) : undefined;
    if (pass && passphrase) pass.use((bytes) => bytes.write(passphrase, 'utf8'));
    try {
      const loaded = await loadKeyMaterial(file, { keySpec: key.keySpec, format, passphrase: pass });
      return this.adoptMaterial(key.keySpec, loaded.material, {
        source: 'file',
        fileName: path.basename(filePath),
        formatFound: loaded.formatFound,
        notes: loaded.notes,
      });
    } finally {
      file.fill(0);
      pass?.wipe();
    }
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

  clearMaterial(): void {
    this.material?.secret.wipe();
    this.material = null;
    this.wrapped = null;
  }

  // ── wrap, save, import, verify ───────────────────────────────────────────────────────────────
  wrap(): WrappedInfo {
    const key = this.requireKey();
    const params = this.requireFreshParameters();
    if (!this.material)
      throw new AppError(
        'NO_MATERIAL',
        'There is no key material yet.',
        'Generate or load key material first.',
      );
    const blob = wrapKeyMaterial({
      material: this.material.secret,
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
    this.wrapped = { blob, info };
    return info;
  }

  /** Writes the three files the AWS console and CLI name; never overwrites. None of them is secret. */
  async saveImportFiles(
    folder: string,
  ): Promise<{ folder: string; files: { name: string; size: number; sha256: string }[] }> {
    const params = this.params;
    if (!params || !this.wrapped)
      throw new AppError('NOT_WRAPPED', 'Nothing is wrapped yet.', 'Wrap the key material first.');
    const files: [string, Buffer][] = [
      ['EncryptedKeyMaterial.bin', this.wrapped.blob],
      ['ImportToken.bin', params.importToken],
      ['WrappingPublicKey.bin', params.publicKey],
    ];
    const written: string[] = [];
    try {
      for (const [name, data] of files) {
        const handle = await open(path.join(folder, name), 'wx', 0o600).catch(
          (error: NodeJS.ErrnoException) => {
            throw new AppError(
              error.code === 'EEXIST' ? 'FILE_EXISTS' : 'WRITE_FAILED',
              error.code === 'EEXIST'
                ? `${name} already exists in ${folder}; nothing was overwritten.`
                : `Could not write ${name}: ${error.message}`,
              'Choose an empty folder.',
            );
          },
        );
        written.push(name);
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
    } catch (error) {
      // All three or none: remove what this call created.
      await Promise.all(written.map((name) => rm(path.join(folder, name), { force: true })));
      throw error;
    }
    return {
      folder,
      files: files.map(([name, data]) => ({ name, size: data.length, sha256: sha256(data) })),
    };
  }

  async importKeyMaterial(
    req:
      | { expirationModel: 'KEY_MATERIAL_EXPIRES'; validTo: string }
      | { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string },
  ): Promise<ImportResult> {
    const key = this.requireKey();
    const params = this.requireFreshParameters();
    if (!this.wrapped)
      throw new AppError('NOT_WRAPPED', 'The key material is not wrapped yet.', 'Wrap it first (step Wrap).');
    const validTo = req.expirationModel === 'KEY_MATERIAL_EXPIRES' ? new Date(req.validTo) : null;
    if (validTo) checkValidTo(validTo, this.now());
    const { keyMaterialId } = await this.gateway().importKeyMaterial({
      keyId: key.keyId,
      importToken: params.importToken,
      encryptedKeyMaterial: this.wrapped.blob,
      expirationModel: req.expirationModel,
      validTo,
    });
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
    if (!this.material)
      throw new AppError(
        'NO_MATERIAL',
        'There is no key material to compare with.',
        'Load the material that was imported.',
      );
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
    const result = await verifyImport({
      gateway: this.gateway(),
      keyId: key.keyId,
      keySpec: key.keySpec,
      keyUsage: fresh.keyUsage ?? '',
      material: this.material.secret,
    });
    this.verification = { ...result, keyMaterialId: fresh.currentKeyMaterialId };
    return this.verification;
  }

  state(): SessionState {
    return {
      connection: this.connection(),
      key: this.key,
      parameters: this.params?.info ?? null,
      material: this.material?.info ?? null,
      wrapped: this.wrapped?.info ?? null,
      imported: this.imported,
      verification: this.verification,
    };
  }

  /** Wipes the material and forgets the connection (app quit, or a new ceremony). */
  close(): void {
    this.disconnect();
  }
}
