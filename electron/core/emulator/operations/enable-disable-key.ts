import type { RequestContext } from '../context';
import { draft, resolveKey } from '../resolve';
import { assertState, transition } from '../state-machine';
import { putKey } from '../store/kms-store';
import { shapes } from '../wire';
import type { Operation } from './operation';

/** EnableKey / DisableKey: Enabled ⇄ Disabled; refused in PendingImport ("… is pending import.") and the rest. */
function toggle(event: 'enable' | 'disable'): Operation {
  return {
    input: { KeyId: shapes.keyId },
    run(ctx: RequestContext, input: { KeyId: string }) {
      const key = resolveKey(ctx, input.KeyId);
      assertState('enableDisable', key.state, key.arn);
      const next = draft(key);
      next.state = transition(key.state, event);
      if (next.state !== key.state) ctx.store.commit(putKey(next));
      return {};
    },
  };
}

export const enableKey = toggle('enable');
export const disableKey = toggle('disable');
