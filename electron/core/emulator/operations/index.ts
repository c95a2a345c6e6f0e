import { createAlias, deleteAlias, listAliases } from './aliases';
import { createKey } from './create-key';
import { deleteImportedKeyMaterial } from './delete-imported-key-material';
import { describeKey } from './describe-key';
import { getParametersForImport } from './get-parameters-for-import';
import { importKeyMaterial } from './import-key-material';
import { listKeys } from './list-keys';
import type { Operation } from './operation';

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
};
