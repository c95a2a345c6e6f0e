import { createAlias, deleteAlias, listAliases } from './aliases';
import { createKey } from './create-key';
import { deleteImportedKeyMaterial } from './delete-imported-key-material';
import { describeKey } from './describe-key';
import { disableKey, enableKey } from './enable-disable-key';
import { decrypt, encrypt, generateDataKey } from './encrypt-decrypt';
import { getParametersForImport } from './get-parameters-for-import';
import { getPublicKey } from './get-public-key';
import { importKeyMaterial } from './import-key-material';
import { cancelKeyDeletion, scheduleKeyDeletion } from './key-deletion';
import { listKeys } from './list-keys';
import { generateMac, verifyMac } from './mac';
import type { Operation } from './operation';
import { replicateKey } from './replicate-key';
import {
  disableKeyRotation,
  enableKeyRotation,
  getKeyRotationStatus,
  listKeyRotations,
  rotateKeyOnDemand,
} from './rotation';
import { signOperation, verifyOperation } from './sign-verify';

/** X-Amz-Target operation name → implementation. */
export const OPERATIONS: Record<string, Operation> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  CreateAlias: createAlias,
  ListAliases: listAliases,
  DeleteAlias: deleteAlias,
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKey,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  Sign: signOperation,
  Verify: verifyOperation,
  GetPublicKey: getPublicKey,
  GetKeyRotationStatus: getKeyRotationStatus,
  ListKeyRotations: listKeyRotations,
  RotateKeyOnDemand: rotateKeyOnDemand,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  ReplicateKey: replicateKey,
};
