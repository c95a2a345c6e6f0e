import { KmsError, messages } from './errors';
import type { KeyRecord } from './store/records';

/** Import operations exist only for keys whose material comes from outside (spec §1.3, §1.5). */
export function assertExternal(key: KeyRecord): void {
  if (key.origin !== 'EXTERNAL') {
    throw new KmsError('UnsupportedOperationException', messages.originNotValid(key.arn, key.origin));
  }
}
