/**
 * The proof for SYMMETRIC_DEFAULT keys. KMS never returns the material and cannot compute an AES check
 * value, and an Encrypt/Decrypt round trip alone proves only that KMS decrypts what KMS encrypted — any
 * material (or an endpoint that answers anything) passes it. So KMS is asked to recognise the material:
 *
 * 1. a decoy — random material of the same size, wrapped under the same wrapping public key — is offered
 *    as the key's existing material: real KMS refuses it with IncorrectKeyMaterialException (spec §4.1
 *    rows 18/19). An endpoint that accepts it accepts anything, so its acceptance below would prove nothing;
 * 2. the officers' material, wrapped afresh (new random wrapping, so its bytes differ from the import's and
 *    from the decoy's — only a holder of the wrapping private key can tell the two apart), is reimported
 *    as EXISTING_KEY_MATERIAL with the KeyMaterialId of the import and the expiry KMS holds now: accepted
 *    only when its identifier matches (rows 19/20), and the expiry is unchanged;
 * 3. an Encrypt/Decrypt round trip shows the key works.
 *
 * The decoy goes first, so that the last import the key saw is always the officers' material.
 */
import { randomBytes } from 'node:crypto';
import { toErrorShape } from '../errors';
import type { KmsGateway } from '../kms/gateway';
import type { Verification } from '../../shared/ipc-contract';

type Check = Verification['checks'][number];

export interface SymmetricProofArgs {
  gateway: Pick<KmsGateway, 'importKeyMaterial' | 'encrypt' | 'decrypt'>;
  keyId: string;
  /** The KeyMaterialId KMS returned for the import (null when KMS returned none: ImportType alone is sent). */
  keyMaterialId: string | null;
  importToken: Buffer;
  /** The expiry KMS holds now (DescribeKey), sent unchanged with the reimport. */
  expiration: {
    expirationModel: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
    validTo: Date | null;
  };
  /** The officers' material wrapped for this proof (afresh, or the offline station's blob as carried). */
  ours: Buffer;
  /** Random material of the same size, wrapped under the same public key. */
  decoy: Buffer;
  /** Records the intent of each ImportKeyMaterial call in the transcript before it is sent. */
  intent: (what: 'decoy' | 'ours') => Promise<void>;
}

/** Runs the three checks of the module note; never throws for a KMS answer, each answer is a check. */
export async function proveSymmetricMaterial(a: SymmetricProofArgs): Promise<Check[]> {
  const reimport = (encryptedKeyMaterial: Buffer) =>
    a.gateway.importKeyMaterial({
      keyId: a.keyId,
      importToken: a.importToken,
      encryptedKeyMaterial,
      ...a.expiration,
      importType: 'EXISTING_KEY_MATERIAL',
      keyMaterialId: a.keyMaterialId,
    });
  const checks: Check[] = [];

  await a.intent('decoy');
  const decoy = await reimport(a.decoy).then(
    () => null,
    (error: unknown) => toErrorShape(error),
  );
  checks.push({
    name: 'KMS refuses different material of the same size as this key’s material',
    passed: decoy?.code === 'IncorrectKeyMaterialException',
    detail: decoy
      ? `${decoy.code}${decoy.code === 'IncorrectKeyMaterialException' ? '' : `: ${decoy.message}`}`
      : 'KMS accepted material that is not ours, so its acceptance of ours proves nothing',
  });

  await a.intent('ours');
  const ours = await reimport(a.ours).then(
    (r) => ({ ok: true as const, keyMaterialId: r.keyMaterialId }),
    (error: unknown) => ({ ok: false as const, error: toErrorShape(error) }),
  );
  const sameId = ours.ok && (a.keyMaterialId === null || ours.keyMaterialId === a.keyMaterialId);
  checks.push({
    name: 'KMS accepts our material again as this key’s material, with the same expiry',
    passed: sameId,
    detail: !ours.ok
      ? `${ours.error.code}: ${ours.error.message}`
      : sameId
        ? `ImportKeyMaterial EXISTING_KEY_MATERIAL${a.keyMaterialId ? `, KeyMaterialId ${a.keyMaterialId}` : ''}`
        : `KMS answered KeyMaterialId ${ours.keyMaterialId ?? '(none)'}, not ${a.keyMaterialId}`,
  });

  const challenge = randomBytes(32);
  const roundTrip = await a.gateway
    .encrypt(a.keyId, challenge)
    .then(async (ciphertext) => ({ ciphertext, plaintext: await a.gateway.decrypt(a.keyId, ciphertext) }))
    .catch((error: unknown) => toErrorShape(error));
  const worked = 'plaintext' in roundTrip && roundTrip.plaintext.equals(challenge);
  checks.push({
    name: 'KMS decrypts what it encrypted with the key',
    passed: worked && !roundTrip.ciphertext.includes(challenge),
    detail:
      'plaintext' in roundTrip
        ? `${challenge.length}-byte random message, ${roundTrip.ciphertext.length}-byte ciphertext${worked ? '' : ' did not decrypt to it'}`
        : `${roundTrip.code}: ${roundTrip.message}`,
  });
  return checks;
}
