/**
 * Importing material as NEW_KEY_MATERIAL for a rotation (spec §1.4, §1.11): the optional
 * KeyMaterialDescription is checked against KMS's rule before anything is sent, and the choice is part of
 * what the witnesses approve and of the transcript. Pure; the import step sends it (../steps/import.ts).
 */
import { AppError } from '../../errors';
import type { NewKeyMaterialOption } from '../steps/import';

/** KeyMaterialDescriptionType (spec §1.0): 0..256 characters of letters, digits, space and : / _ . - */
const DESCRIPTION = /^[a-zA-Z0-9:/_\s.-]*$/;

/**
 * The description as KMS will receive it (trimmed; empty = none).
 * @throws AppError KEY_MATERIAL_DESCRIPTION naming what is wrong with it.
 */
export function checkedDescription(description: string | null | undefined): string | null {
  const text = description?.trim() ?? '';
  if (text.length > 256 || !DESCRIPTION.test(text)) {
    throw new AppError(
      'KEY_MATERIAL_DESCRIPTION',
      text.length > 256
        ? `The key material description has ${text.length} characters; KMS accepts at most 256.`
        : `The key material description “${text.slice(0, 40)}” contains characters KMS does not accept.`,
      'Use letters, digits, spaces and : / _ . - only, at most 256 characters (e.g. "2027 rotation, ceremony 42").',
    );
  }
  return text === '' ? null : text;
}

/** The fields an approval request and the import event carry for NEW material; nothing otherwise. */
export function newMaterialDetails(
  req: NewKeyMaterialOption,
): { importType: 'NEW_KEY_MATERIAL'; keyMaterialDescription: string | null } | Record<string, never> {
  if (!req.newKeyMaterial) return {};
  return {
    importType: 'NEW_KEY_MATERIAL',
    keyMaterialDescription: checkedDescription(req.newKeyMaterial.description),
  };
}
