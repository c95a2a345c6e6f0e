/** Step Key: lists, creates and describes KMS keys, and the key-level KMS actions (enable, delete material). */
import { IMPORTABLE_KEY_SPECS, isKeySpec, KEY_SPEC_INFO, KEY_SPECS, keyUsagesFor } from '../../crypto';
import type { Confirm } from '../../confirmation';
import { AppError, toErrorShape } from '../../errors';
import type { KeyDescription, KeySpecOption, KeySummary } from '../../../shared/ipc-contract';
import { describeKeyMetadata } from '../key-description';
import { deleteMaterialQuestion, enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { gateway, kmsIntent, requireLog, runStep, selectKey, type CeremonyState } from '../state';

export function keySpecOptions(): KeySpecOption[] {
  return KEY_SPECS.map((keySpec) => {
    const shape = KEY_SPEC_INFO[keySpec].material;
    return {
      keySpec,
      importable: shape.kind !== 'unsupported',
      reason: shape.kind === 'unsupported' ? shape.reason : null,
      keyUsages: keyUsagesFor(keySpec),
    };
  });
}

async function aliasesByKey(s: CeremonyState): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const alias of await gateway(s).listAliases()) {
    if (!alias.TargetKeyId || !alias.AliasName) continue;
    map.set(alias.TargetKeyId, [...(map.get(alias.TargetKeyId) ?? []), alias.AliasName]);
  }
  return map;
}

export async function listKeys(s: CeremonyState): Promise<{ keys: KeySummary[]; truncated: boolean }> {
  const gw = gateway(s);
  const [{ keyIds, truncated }, aliases] = await Promise.all([gw.listKeys(), aliasesByKey(s)]);
  const keys: KeySummary[] = [];
  for (const keyId of keyIds) {
    const meta = await gw.describeKey(keyId);
    const { arn, origin, keySpec, keyUsage, keyState, description } = describeKeyMetadata(meta, []);
    keys.push({
      keyId,
      arn,
      aliases: aliases.get(keyId) ?? [],
      origin,
      keySpec,
      keyUsage,
      keyState,
      description,
    });
  }
  return { keys, truncated };
}

export async function createKey(
  s: CeremonyState,
  req: {
    keySpec: string;
    keyUsage: string;
    description: string;
    alias: string | null;
    multiRegion: boolean;
    /** "Create another key" when this ceremony already created one; the reason is recorded. */
    another?: { reason: string } | null;
  },
): Promise<KeyDescription> {
  const another = req.another
    ? enforce(policyFacts(s), 'key.create', { confirmed: true, reason: req.another.reason })
    : enforce(policyFacts(s), 'key.create');
  if (!isKeySpec(req.keySpec) || !IMPORTABLE_KEY_SPECS.includes(req.keySpec)) {
    throw new AppError(
      'BAD_KEY_SPEC',
      `${req.keySpec} keys cannot be created for import here.`,
      `Choose one of: ${IMPORTABLE_KEY_SPECS.join(', ')}.`,
    );
  }
  const usages: string[] = keyUsagesFor(req.keySpec);
  if (!usages.includes(req.keyUsage)) {
    throw new AppError(
      'BAD_KEY_USAGE',
      `${req.keySpec} keys cannot have key usage ${req.keyUsage}.`,
      `Choose one of: ${usages.join(', ')}.`,
    );
  }
  const gw = gateway(s);
  const details = {
    keySpec: req.keySpec,
    keyUsage: req.keyUsage,
    alias: req.alias,
    multiRegion: req.multiRegion,
    ...(another ? { anotherKeyReason: req.another!.reason.trim() } : {}),
  };
  await kmsIntent(s, 'CreateKey', details);
  return runStep(
    s,
    'key.created',
    details,
    async () => {
      const meta = await gw.createKey(req);
      s.keysCreated += 1;
      selectKey(s, describeKeyMetadata(meta, []));
      s.lockedKey = { keyId: meta.KeyId!, arn: meta.Arn! }; // the ceremony's key from now on
      if (req.alias) {
        try {
          await gw.createAlias(req.alias, meta.KeyId!);
        } catch (error) {
          // The key exists now; say so rather than pretend nothing happened.
          const e = toErrorShape(error);
          throw new AppError(
            e.code,
            `The key ${meta.KeyId} was created, but its alias was not: ${e.message}`,
            e.hint,
          );
        }
        s.key = describeKeyMetadata(meta, [req.alias]);
      }
      return s.key!;
    },
    (k) => ({ keyId: k.keyId, keyState: k.keyState }),
  );
}

/**
 * Describes a key (DescribeKey, a free read) and selects it. Once this ceremony has changed its key in
 * KMS, selecting another is refused (policy row key.select) before anything is recorded; an alias or ARN
 * naming the locked key itself is resolved first and allowed. `aliases`: 'list' reads the account's aliases
 * with it (ListAliases: every alias of the Region, up to 10 pages on a large account); 'keep' re-reads the
 * state of the key already selected and keeps the aliases listed with it — what the import and verify steps
 * need to know (state, expiry, material) is in DescribeKey, and none of them approves or proves by alias.
 */
export async function describeKey(
  s: CeremonyState,
  keyId: string,
  aliases: 'list' | 'keep' = 'list',
): Promise<KeyDescription> {
  const gw = gateway(s);
  const locked = policyFacts(s).lockedKey;
  if (locked && keyId !== locked.keyId && keyId !== locked.arn) {
    const named = await gw.describeKey(keyId);
    enforce(policyFacts(s, null, named.Arn ?? keyId), 'key.select');
  }
  return runStep(
    s,
    'key.described',
    { keyId },
    async () => {
      const kept = aliases === 'keep' && s.key?.keyId === keyId ? s.key.aliases : null;
      // Both reads at once: one round trip to KMS instead of two.
      const [meta, byKey] = await Promise.all([gw.describeKey(keyId), kept ? null : aliasesByKey(s)]);
      const described = describeKeyMetadata(meta, kept ?? byKey?.get(meta.KeyId ?? '') ?? []);
      if (s.key?.keyId === described.keyId) s.key = described;
      else selectKey(s, described);
      return described;
    },
    (k) => ({
      origin: k.origin,
      keySpec: k.keySpec,
      keyUsage: k.keyUsage,
      keyState: k.keyState,
      expirationModel: k.expirationModel,
      validTo: k.validTo,
      keyMaterialId: k.currentKeyMaterialId,
    }),
  );
}

export async function setKeyEnabled(
  s: CeremonyState,
  keyId: string,
  enabled: boolean,
): Promise<KeyDescription> {
  const action = enabled ? 'key.enable' : 'key.disable';
  enforce(policyFacts(s, null, keyId), action);
  const gw = gateway(s);
  await kmsIntent(s, enabled ? 'EnableKey' : 'DisableKey', { keyId });
  await runStep(s, enabled ? 'key.enabled' : 'key.disabled', { keyId }, () => gw.setEnabled(keyId, enabled));
  return describeKey(s, keyId);
}

/** Only on the ceremony's key (policy row material.delete), after main's own confirmation naming its ARN and aliases. */
export async function deleteImportedKeyMaterial(
  s: CeremonyState,
  keyId: string,
  confirm: Confirm,
): Promise<KeyDescription | { cancelled: true }> {
  enforce(policyFacts(s, null, keyId), 'material.delete');
  const gw = gateway(s);
  const log = requireLog(s);
  const key = s.key!;
  if (!(await confirm(deleteMaterialQuestion(key)))) {
    await log.record({
      action: 'kms.declined',
      result: 'info',
      keyArn: key.arn,
      details: { operation: 'DeleteImportedKeyMaterial' },
    });
    return { cancelled: true };
  }
  await kmsIntent(s, 'DeleteImportedKeyMaterial', { keyId });
  await runStep(s, 'material.deleted-from-kms', { keyId }, () => gw.deleteImportedKeyMaterial(keyId));
  // The material is gone from KMS (a confirmed, recorded delete): importing again is no silent reimport.
  s.imports = s.imports.filter((i) => i.keyId !== keyId);
  if (s.key?.keyId === keyId) {
    s.imported = null;
    s.verification = null;
  }
  return describeKey(s, keyId);
}
