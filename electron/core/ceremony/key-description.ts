/**
 * Turns KMS KeyMetadata into what the officers see: the facts, what can be done with the key
 * (one table keyed by state), and every wrapping combination for its key spec with the reason where refused.
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import {
  COMPATIBILITY_TABLE,
  type KeySpec,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  defaultWrapping,
  isKeySpec,
  KEY_SPEC_INFO,
} from '../crypto';
import type { KeyDescription } from '../../shared/ipc-contract';

type Importability = KeyDescription['importability'];

const BY_STATE: Record<string, Importability> = {
  PendingImport: {
    mode: 'first-import',
    explanation: 'The key is waiting for its key material: this is a first import.',
  },
  Enabled: {
    mode: 'reimport',
    explanation:
      'The key already has key material. You can reimport only the same material (for example to extend its expiration); different material is refused.',
  },
  Disabled: {
    mode: 'reimport',
    explanation:
      'The key is disabled and already has key material. You can reimport only the same material; enable the key to use it.',
  },
  PendingDeletion: {
    mode: 'none',
    explanation: 'The key is scheduled for deletion: no import is possible. Cancel the deletion first.',
  },
  PendingReplicaDeletion: {
    mode: 'none',
    explanation: 'The key is being deleted in a replica Region: no import.',
  },
  Creating: { mode: 'none', explanation: 'The key is still being created. Try again in a moment.' },
  Updating: { mode: 'none', explanation: 'The key is being updated. Try again in a moment.' },
  Unavailable: { mode: 'none', explanation: 'The key is unavailable (its key store is disconnected).' },
};

export function importabilityOf(meta: KeyMetadata): Importability {
  if (meta.Origin !== 'EXTERNAL') {
    return {
      mode: 'none',
      explanation: `This key's Origin is ${meta.Origin ?? 'unknown'}, not EXTERNAL: KMS never accepts imported material for it. Create a key with Origin EXTERNAL.`,
    };
  }
  const spec = meta.KeySpec ?? 'SYMMETRIC_DEFAULT';
  if (!isKeySpec(spec) || KEY_SPEC_INFO[spec].material.kind === 'unsupported') {
    return { mode: 'none', explanation: `This app cannot import ${spec} key material.` };
  }
  return (
    BY_STATE[meta.KeyState ?? ''] ?? {
      mode: 'none',
      explanation: `The key is in state ${meta.KeyState}: no import.`,
    }
  );
}

function combinationsFor(keySpec: string): KeyDescription['combinations'] {
  if (!isKeySpec(keySpec)) return [];
  return WRAPPING_ALGORITHMS.flatMap((wrappingAlgorithm) =>
    WRAPPING_KEY_SPECS.map((wrappingKeySpec) => {
      const cell = COMPATIBILITY_TABLE[keySpec][wrappingAlgorithm][wrappingKeySpec];
      return {
        wrappingAlgorithm,
        wrappingKeySpec,
        allowed: cell.allowed,
        reason: cell.allowed ? null : cell.reason,
      };
    }),
  );
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

export function describeKeyMetadata(meta: KeyMetadata, aliases: string[]): KeyDescription {
  const keySpec = meta.KeySpec ?? 'SYMMETRIC_DEFAULT';
  const importability = importabilityOf(meta);
  return {
    keyId: meta.KeyId ?? '',
    arn: meta.Arn ?? '',
    aliases,
    origin: meta.Origin ?? null,
    keySpec,
    keyUsage: meta.KeyUsage ?? null,
    keyState: meta.KeyState ?? null,
    description: meta.Description ?? '',
    expirationModel: meta.ExpirationModel ?? null,
    validTo: iso(meta.ValidTo),
    currentKeyMaterialId: meta.CurrentKeyMaterialId ?? null,
    multiRegion: meta.MultiRegion ?? false,
    creationDate: iso(meta.CreationDate),
    importability,
    combinations: importability.mode === 'none' ? [] : combinationsFor(keySpec),
    recommended: importability.mode !== 'none' && isKeySpec(keySpec) ? defaultWrapping(keySpec) : null,
  };
}

/** The offline station knows the key only from the parameters bundle. */
export function describeOfflineKey(arn: string, keySpec: KeySpec): KeyDescription {
  return {
    keyId: arn.split('/').pop() ?? arn,
    arn,
    aliases: [],
    origin: 'EXTERNAL',
    keySpec,
    keyUsage: null,
    keyState: null,
    description: 'Known from the parameters bundle (offline station)',
    expirationModel: null,
    validTo: null,
    currentKeyMaterialId: null,
    multiRegion: false,
    creationDate: null,
    importability: {
      mode: 'offline-wrap',
      explanation: 'Offline station: wrap the key material here; the online station imports it.',
    },
    combinations: [],
    recommended: null,
  };
}
