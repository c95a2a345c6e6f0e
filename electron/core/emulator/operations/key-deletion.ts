import { hasAllPermanentMaterial } from '../associations';
import type { RequestContext } from '../context';
import { resolveKey, draft } from '../resolve';
import { assertState, transition } from '../state-machine';
import { putKey } from '../store/kms-store';
import { shapes } from '../wire';
import type { Operation } from './operation';

const DAY_MS = 86_400_000;

/**
 * ScheduleKeyDeletion / CancelKeyDeletion (spec §1.10). A multi-Region primary with replicas waits in
 * PendingReplicaDeletion until they are gone; cancelling returns a key without usable material to
 * PendingImport rather than Disabled [O-SD].
 */
export const scheduleKeyDeletion: Operation = {
  input: { KeyId: shapes.keyId, PendingWindowInDays: { type: 'integer', min: 7, max: 30 } },
  run(ctx: RequestContext, input: { KeyId: string; PendingWindowInDays?: number }) {
    const key = resolveKey(ctx, input.KeyId);
    assertState('scheduleDeletion', key.state, key.arn);
    const next = draft(key);
    const window = input.PendingWindowInDays ?? 30;
    const waitsForReplicas = (key.multiRegion?.replicaRegions.length ?? 0) > 0;
    next.state = transition(
      key.state,
      waitsForReplicas ? 'scheduleDeletionWithReplicas' : 'scheduleDeletion',
    );
    next.pendingWindowInDays = window;
    if (!waitsForReplicas) next.deletionDate = ctx.clock.nowMs() + window * DAY_MS;
    ctx.store.commit(putKey(next));
    return {
      KeyId: key.arn,
      DeletionDate: next.deletionDate === undefined ? undefined : next.deletionDate / 1000,
      KeyState: next.state,
      PendingWindowInDays: window,
    };
  },
};

export const cancelKeyDeletion: Operation = {
  input: { KeyId: shapes.keyId },
  run(ctx: RequestContext, input: { KeyId: string }) {
    const key = resolveKey(ctx, input.KeyId);
    assertState('cancelDeletion', key.state, key.arn);
    const next = draft(key);
    const usable = key.origin === 'AWS_KMS' || hasAllPermanentMaterial(ctx, key);
    next.state = transition(
      key.state,
      usable ? 'cancelDeletionWithMaterial' : 'cancelDeletionWithoutMaterial',
    );
    delete next.deletionDate;
    delete next.pendingWindowInDays;
    ctx.store.commit(putKey(next));
    return { KeyId: key.arn };
  },
};
