import { createAlias, deleteAlias, listAliases } from './aliases';
import { createKey } from './create-key';
import { describeKey } from './describe-key';
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
};
