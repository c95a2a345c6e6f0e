import type { KeySpec } from '../../crypto';
import type { KeyUsage } from '../key-specs';
import type { KeyState } from '../state-machine';

/** What the emulator persists. Timestamps are epoch milliseconds of the emulator clock. */

export type ImportState = 'IMPORTED' | 'PENDING_IMPORT';
export type KeyMaterialState =
  'CURRENT' | 'NON_CURRENT' | 'PENDING_ROTATION' | 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION';
export type ExpirationModel = 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';

/** One key material of a key (spec §1.11). `sealed` is null once the material is deleted or expired. */
export interface MaterialRecord {
  id: string;
  sealed: string | null;
  importState: ImportState;
  materialState: KeyMaterialState;
  expirationModel?: ExpirationModel;
  validTo?: number;
  description?: string;
  rotationDate?: number;
  rotationType?: 'ON_DEMAND';
}

export interface MultiRegionRecord {
  type: 'PRIMARY' | 'REPLICA';
  primaryRegion: string;
  /** Kept on the primary only; replicas read it from their primary. */
  replicaRegions: string[];
}

export interface KeyRecord {
  region: string;
  keyId: string;
  arn: string;
  accountId: string;
  creationDate: number;
  description: string;
  keyUsage: KeyUsage;
  keySpec: KeySpec;
  origin: 'AWS_KMS' | 'EXTERNAL';
  state: KeyState;
  /** A replica is Creating until this instant. */
  readyAt?: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion?: MultiRegionRecord;
  materials: MaterialRecord[];
  /** Shown as CurrentKeyMaterialId (symmetric keys); persists through PendingImport. */
  currentMaterialId?: string;
  rotationStartedAt?: number;
  onDemandRotations: number;
  /** Automatic rotation period (AWS_KMS symmetric keys only); undefined = off. */
  autoRotationDays?: number;
  tags: { TagKey: string; TagValue: string }[];
  policy?: string;
}

export interface AliasRecord {
  region: string;
  aliasName: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}
