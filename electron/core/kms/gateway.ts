/**
 * The one way the app talks to KMS: @aws-sdk/client-kms, the same code path against real AWS and the
 * local emulator. Each method names its action for error sentences; every failure becomes an AppError.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  SignCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ReplicateKeyCommand,
  type RotationsListEntry,
  type AliasListEntry,
  type KeyMetadata,
  type KeySpec as SdkKeySpec,
  type KeyUsageType,
  type MacAlgorithmSpec,
  type SigningAlgorithmSpec,
  type AlgorithmSpec,
  type WrappingKeySpec as SdkWrappingKeySpec,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { explainKmsError } from './explain-error';
import { ServerClock } from './server-clock';
import { createSdkClients } from './sdk-clients';

export interface GatewayOptions {
  region: string;
  /** The endpoints main approved (endpoint-policy.ts); every request is checked against them. */
  endpoints: { kms: string; sts: string };
  credentials: NonNullable<KMSClientConfig['credentials']>;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface ImportParametersRaw {
  keyId: string;
  publicKey: Buffer;
  importToken: Buffer;
  parametersValidTo: Date;
}

const bytes = (value: Uint8Array | undefined): Buffer => (value ? Buffer.from(value) : Buffer.alloc(0));

/**
 * Whether KMS answers ListKeyRotations for a key in `keyState`: only one that can hold material (spec §1.10
 * key-state matrix; not Creating, nor scheduled for deletion, nor Unavailable).
 */
export const keyMaterialsListable = (keyState: string | undefined) =>
  ['Enabled', 'Disabled', 'PendingImport'].includes(keyState ?? '');

export class KmsGateway {
  private readonly kms: KMSClient;
  private readonly sts: STSClient;
  private readonly serverClock = new ServerClock();

  constructor(readonly options: GatewayOptions) {
    ({ kms: this.kms, sts: this.sts } = createSdkClients(options));
    this.serverClock.watch(this.kms);
    this.serverClock.watch(this.sts);
  }

  /** The time on the server's clock, from the `Date` header of its last response (server-clock.ts). */
  serverNow(): Date {
    return this.serverClock.now();
  }

  private async run<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw explainKmsError(error, action);
    }
  }

  callerIdentity(): Promise<CallerIdentity> {
    return this.run('identify the caller (sts:GetCallerIdentity)', async () => {
      const out = await this.sts.send(new GetCallerIdentityCommand({}));
      return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    });
  }

  listKeys(limit = 100): Promise<{ keyIds: string[]; truncated: boolean }> {
    return this.run('list keys', async () => {
      const keyIds: string[] = [];
      let marker: string | undefined;
      do {
        const out = await this.kms.send(new ListKeysCommand({ Limit: 100, Marker: marker }));
        keyIds.push(...(out.Keys ?? []).map((k) => k.KeyId ?? '').filter(Boolean));
        marker = out.Truncated ? out.NextMarker : undefined;
      } while (marker && keyIds.length < limit);
      return { keyIds: keyIds.slice(0, limit), truncated: Boolean(marker) || keyIds.length > limit };
    });
  }

  listAliases(): Promise<AliasListEntry[]> {
    return this.run('list aliases', async () => {
      const aliases: AliasListEntry[] = [];
      let marker: string | undefined;
      do {
        const out = await this.kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker }));
        aliases.push(...(out.Aliases ?? []));
        marker = out.Truncated ? out.NextMarker : undefined;
      } while (marker && aliases.length < 1000);
      return aliases;
    });
  }

  describeKey(keyId: string): Promise<KeyMetadata> {
    return this.run('describe the key', async () => {
      const out = await this.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
      if (!out.KeyMetadata) throw new Error('DescribeKey returned no KeyMetadata');
      return out.KeyMetadata;
    });
  }

  createKey(args: {
    keySpec: string;
    keyUsage: string;
    description: string;
    multiRegion: boolean;
  }): Promise<KeyMetadata> {
    return this.run('create the key', async () => {
      const out = await this.kms.send(
        new CreateKeyCommand({
          Origin: 'EXTERNAL',
          KeySpec: args.keySpec as SdkKeySpec,
          KeyUsage: args.keyUsage as KeyUsageType,
          Description: args.description,
          MultiRegion: args.multiRegion,
        }),
      );
      if (!out.KeyMetadata) throw new Error('CreateKey returned no KeyMetadata');
      return out.KeyMetadata;
    });
  }

  createAlias(alias: string, keyId: string): Promise<void> {
    return this.run('create the alias', async () => {
      await this.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
    });
  }

  setEnabled(keyId: string, enabled: boolean): Promise<void> {
    return this.run(enabled ? 'enable the key' : 'disable the key', async () => {
      await this.kms.send(
        enabled ? new EnableKeyCommand({ KeyId: keyId }) : new DisableKeyCommand({ KeyId: keyId }),
      );
    });
  }

  getParametersForImport(
    keyId: string,
    wrappingAlgorithm: string,
    wrappingKeySpec: string,
  ): Promise<ImportParametersRaw> {
    return this.run('get import parameters', async () => {
      const out = await this.kms.send(
        new GetParametersForImportCommand({
          KeyId: keyId,
          WrappingAlgorithm: wrappingAlgorithm as AlgorithmSpec,
          WrappingKeySpec: wrappingKeySpec as SdkWrappingKeySpec,
        }),
      );
      if (!out.PublicKey || !out.ImportToken || !out.ParametersValidTo) {
        throw new Error('GetParametersForImport returned no public key, token or validity');
      }
      return {
        keyId: out.KeyId ?? keyId,
        publicKey: bytes(out.PublicKey),
        importToken: bytes(out.ImportToken),
        parametersValidTo: out.ParametersValidTo,
      };
    });
  }

  importKeyMaterial(args: {
    keyId: string;
    importToken: Buffer;
    encryptedKeyMaterial: Buffer;
    expirationModel: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
    validTo: Date | null;
    /** Spec §1.4, §1.11: NEW_KEY_MATERIAL stages material for a rotation; EXISTING_KEY_MATERIAL with
     * KeyMaterialId reimports only that material (symmetric keys only). */
    importType?: 'NEW_KEY_MATERIAL' | 'EXISTING_KEY_MATERIAL';
    keyMaterialDescription?: string;
    keyMaterialId?: string | null;
  }): Promise<{ keyMaterialId: string | null }> {
    return this.run('import the key material', async () => {
      const out = await this.kms.send(
        new ImportKeyMaterialCommand({
          KeyId: args.keyId,
          ImportToken: args.importToken,
          EncryptedKeyMaterial: args.encryptedKeyMaterial,
          ExpirationModel: args.expirationModel,
          ...(args.validTo ? { ValidTo: args.validTo } : {}),
          ...(args.importType ? { ImportType: args.importType } : {}),
          ...(args.keyMaterialDescription ? { KeyMaterialDescription: args.keyMaterialDescription } : {}),
          ...(args.keyMaterialId ? { KeyMaterialId: args.keyMaterialId } : {}),
        }),
      );
      return { keyMaterialId: out.KeyMaterialId ?? null };
    });
  }

  deleteImportedKeyMaterial(keyId: string): Promise<void> {
    return this.run('delete the imported key material', async () => {
      await this.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: keyId }));
    });
  }

  encrypt(keyId: string, plaintext: Buffer): Promise<Buffer> {
    return this.run('encrypt with the key', async () => {
      const out = await this.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
      return bytes(out.CiphertextBlob);
    });
  }

  decrypt(keyId: string, ciphertext: Buffer, algorithm?: string): Promise<Buffer> {
    return this.run('decrypt with the key', async () => {
      const out = await this.kms.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: ciphertext,
          ...(algorithm ? { EncryptionAlgorithm: algorithm as 'RSAES_OAEP_SHA_256' } : {}),
        }),
      );
      return bytes(out.Plaintext);
    });
  }

  generateMac(keyId: string, message: Buffer, macAlgorithm: string): Promise<Buffer> {
    return this.run('compute a MAC with the key', async () => {
      const out = await this.kms.send(
        new GenerateMacCommand({
          KeyId: keyId,
          Message: message,
          MacAlgorithm: macAlgorithm as MacAlgorithmSpec,
        }),
      );
      return bytes(out.Mac);
    });
  }

  sign(keyId: string, message: Buffer, signingAlgorithm: string): Promise<Buffer> {
    return this.run('sign with the key', async () => {
      const out = await this.kms.send(
        new SignCommand({
          KeyId: keyId,
          Message: message,
          MessageType: 'RAW',
          SigningAlgorithm: signingAlgorithm as SigningAlgorithmSpec,
        }),
      );
      return bytes(out.Signature);
    });
  }

  getPublicKey(keyId: string): Promise<Buffer> {
    return this.run('get the public key', async () => {
      const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
      return bytes(out.PublicKey);
    });
  }

  /** ListKeyRotations with ALL_KEY_MATERIAL (spec §1.6), every page: the key's materials, first to newest. */
  listKeyMaterials(keyId: string): Promise<RotationsListEntry[]> {
    return this.run('list the key materials', async () => {
      const entries: RotationsListEntry[] = [];
      let marker: string | undefined;
      do {
        const out = await this.kms.send(
          new ListKeyRotationsCommand({
            KeyId: keyId,
            IncludeKeyMaterial: 'ALL_KEY_MATERIAL',
            Marker: marker,
          }),
        );
        entries.push(...(out.Rotations ?? []));
        marker = out.Truncated ? out.NextMarker : undefined;
      } while (marker);
      return entries;
    });
  }

  /** Decrypt, with the KeyMaterialId KMS used (symmetric keys; AWS and the emulator both return it). */
  decryptNamingMaterial(
    keyId: string,
    ciphertext: Buffer,
  ): Promise<{ plaintext: Buffer; keyMaterialId: string | null }> {
    return this.run('decrypt with the key', async () => {
      const out = await this.kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: ciphertext }));
      return { plaintext: bytes(out.Plaintext), keyMaterialId: out.KeyMaterialId ?? null };
    });
  }

  /** ReplicateKey (spec §1.8, §4.4): the replica's metadata, in state Creating. */
  replicateKey(keyId: string, replicaRegion: string): Promise<KeyMetadata> {
    return this.run(`replicate the key to ${replicaRegion}`, async () => {
      const out = await this.kms.send(
        new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: replicaRegion }),
      );
      if (!out.ReplicaKeyMetadata) throw new Error('ReplicateKey returned no ReplicaKeyMetadata');
      return out.ReplicaKeyMetadata;
    });
  }

  /** RotateKeyOnDemand (spec §1.7): starts an asynchronous rotation to the PENDING_ROTATION material. */
  rotateKeyOnDemand(keyId: string): Promise<void> {
    return this.run('rotate the key to its new material', async () => {
      await this.kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    });
  }

  /** GetKeyRotationStatus (spec §1.8): the start of an on-demand rotation still in progress, else null. */
  onDemandRotationStartDate(keyId: string): Promise<Date | null> {
    return this.run('read the rotation status', async () => {
      const out = await this.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
      return out.OnDemandRotationStartDate ?? null;
    });
  }

  close(): void {
    this.kms.destroy();
    this.sts.destroy();
  }
}
