import type { EmulatorClock } from './clock';
import type { KmsStore } from './store/kms-store';
import type { WrappingPool } from './wrapping-pool';

/** Everything an operation may touch. `region` comes from the request's SigV4 credential scope. */
export interface EmulatorContext {
  store: KmsStore;
  clock: EmulatorClock;
  pool: WrappingPool;
  accountId: string;
  defaultRegion: string;
  /** Seconds of emulator time an on-demand rotation takes to complete (real KMS: tens of seconds). */
  rotationSeconds: number;
  /** Seconds of emulator time a new replica stays Creating. */
  replicaCreatingSeconds: number;
  /** Accept HMAC material longer than the digest (up to 128 bytes), as one unverified capture says AWS does. */
  hmacAcceptLonger: boolean;
}

export interface RequestContext extends EmulatorContext {
  region: string;
}

export const keyArn = (ctx: { accountId: string }, region: string, keyId: string) =>
  `arn:aws:kms:${region}:${ctx.accountId}:key/${keyId}`;

export const aliasArn = (ctx: RequestContext, aliasName: string) =>
  `arn:aws:kms:${ctx.region}:${ctx.accountId}:${aliasName}`;
