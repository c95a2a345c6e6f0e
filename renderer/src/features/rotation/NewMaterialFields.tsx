/**
 * The Import step in a rotation (issue 13): the material goes in as NEW_KEY_MATERIAL, waiting
 * (PENDING_ROTATION) until RotateKeyOnDemand makes it current; the optional KeyMaterialDescription is sent
 * with it, bound into the witnesses' approval. Main checks the description against KMS's rule.
 */
import { Alert, TextField } from '@mui/material';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { useUi } from '../../store';

/** KeyMaterialDescriptionType (spec §1.0): what KMS accepts, so the field can say so before main does. */
const DESCRIPTION = /^[a-zA-Z0-9:/_\s.-]*$/;

/**
 * True while this ceremony's rotation waits for its new material (begun, not yet rotated) in the key's
 * own Region; in a replica Region of a multi-Region rotation the same material goes in as the replica's own.
 */
export function useRotating(): boolean {
  return useUi((s) => {
    const r = s.session.rotation;
    const mr = s.session.multiRegion;
    return r !== null && r.begunAt !== null && r.started === null && (!mr || mr.current === mr.primaryRegion);
  });
}

/** The replica Region a multi-Region rotation imports its new material into now, or null. */
export function useReplicaOfRotation(): string | null {
  return useUi((s) => {
    const r = s.session.rotation;
    const mr = s.session.multiRegion;
    const rotating = r !== null && r.begunAt !== null && r.started === null;
    return rotating && mr && mr.current !== mr.primaryRegion ? mr.current : null;
  });
}

/** What the import request carries in a rotation: the choice is main's to check. */
export function newMaterialRequest(
  rotating: boolean,
  description: string,
): Pick<Req<'import:run'>, 'newKeyMaterial'> {
  return rotating ? { newKeyMaterial: { description: description.trim() || null } } : {};
}

export function descriptionProblem(description: string): string | null {
  if (description.trim().length > 256) return 'At most 256 characters.';
  if (!DESCRIPTION.test(description)) return 'Letters, digits, spaces and : / _ . - only.';
  return null;
}

export function NewMaterialFields({
  description,
  onChange,
}: {
  description: string;
  onChange: (description: string) => void;
}) {
  const fromId = useUi((s) => s.session.rotation?.fromKeyMaterialId ?? null);
  const problem = descriptionProblem(description);
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }} data-testid="rotation-import-note">
        Rotation: this material is imported as new key material (ImportType NEW_KEY_MATERIAL). It waits as
        PENDING_ROTATION; the key keeps encrypting with its current material{fromId ? ` ${fromId}` : ''} until
        the witnesses approve RotateKeyOnDemand in step Rotate.
      </Alert>
      <TextField
        label="KeyMaterialDescription (optional)"
        value={description}
        onChange={(e) => onChange(e.target.value)}
        error={problem !== null}
        helperText={
          problem ?? 'Shown by ListKeyRotations beside the new material, e.g. “2027 rotation, ceremony 42”.'
        }
        slotProps={{ htmlInput: { maxLength: 300 } }}
        sx={{ mb: 3, maxWidth: 640 }}
        fullWidth
      />
    </>
  );
}
