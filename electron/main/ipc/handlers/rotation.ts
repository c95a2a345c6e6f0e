/**
 * Rotation of imported material through the one door (issue 13). Each request is a request: main checks it
 * against the ceremony — the policy table (rows rotation.begin / rotation.approve / rotation.rotate: the
 * witnesses' quorum before RotateKeyOnDemand), the rotation's refusals read fresh from KMS, and the ceremony's
 * own order — in core/ceremony/rotation/, before anything is sent. The import of the new material is the
 * usual import step; `requireImportTypeForCeremony` keeps its ImportType in step with the ceremony.
 */
import { AppError } from '../../../core/errors';
import type { ImportRequest } from '../../../core/ceremony/steps/import';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

/**
 * May the selected key start a rotation ceremony? A multi-Region primary may: its new material goes into
 * every replica from step Rotate (its Regions table) before the primary rotates (spec §4.4 step 6); an
 * interrupted one is continued there (`continuesKeyMaterialId`), Region by Region.
 */
export const checkRotation =
  (ctx: MainContext): Handler<'rotation:check'> =>
  async () => {
    try {
      const r = await ctx.session.checkRotation({ continueMultiRegion: true });
      return {
        allowed: true as const,
        currentKeyMaterialId: r.currentKeyMaterialId!,
        ...(r.continuesKeyMaterialId ? { continuesKeyMaterialId: r.continuesKeyMaterialId } : {}),
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { allowed: false as const, code: error.code, message: error.message, hint: error.hint };
    }
  };

export const beginRotation =
  (ctx: MainContext): Handler<'rotation:begin'> =>
  () =>
    ctx.session.beginRotation({ continueMultiRegion: true });

export const requestRotationApproval =
  (ctx: MainContext): Handler<'rotation:requestApproval'> =>
  () =>
    ctx.session.requestRotationApproval();

export const approveRotation =
  (ctx: MainContext): Handler<'rotation:approve'> =>
  (req) =>
    ctx.session.approveRotation(req);

export const rotateKeyOnDemand =
  (ctx: MainContext): Handler<'rotation:rotate'> =>
  () =>
    ctx.session.rotateKeyOnDemand();

export const rotationProgress =
  (ctx: MainContext): Handler<'rotation:progress'> =>
  () =>
    ctx.session.rotationProgress();

export const proveRotation =
  (ctx: MainContext): Handler<'rotation:prove'> =>
  () =>
    ctx.session.proveRotation();

export const rotationRegions =
  (ctx: MainContext): Handler<'rotation:regions'> =>
  () =>
    ctx.session.rotationRegions();

/**
 * In a rotation ceremony (begun, not yet rotated) the material is NEW_KEY_MATERIAL in the key's own Region;
 * in a replica Region of a multi-Region rotation it is the same material imported as the replica's own
 * (KMS refuses NEW_KEY_MATERIAL on replicas, spec §4.4); outside one, the app never stages pending material.
 * @throws AppError IMPORT_TYPE_NOT_ROTATION / NEW_MATERIAL_ON_REPLICA / NEW_MATERIAL_WITHOUT_ROTATION.
 */
export function requireImportTypeForCeremony(ctx: MainContext, req: ImportRequest): void {
  const { rotation: r, multiRegion: mr } = ctx.session.state();
  const rotating = r !== null && r.begunAt !== null && r.started === null;
  if (rotating && mr && mr.current !== mr.primaryRegion) {
    if (!req.newKeyMaterial) return;
    throw new AppError(
      'NEW_MATERIAL_ON_REPLICA',
      `In the replica Region ${mr.current} the rotation's new material is imported as the replica's own material: KMS refuses NEW_KEY_MATERIAL on a replica, and this request asked for it.`,
      `Nothing was sent to KMS. Import without new-material options; KMS checks it is the material staged on the primary in ${mr.primaryRegion}.`,
    );
  }
  if (rotating && !req.newKeyMaterial) {
    throw new AppError(
      'IMPORT_TYPE_NOT_ROTATION',
      `This ceremony rotates ${r.keyArn}: its material is imported as new key material (NEW_KEY_MATERIAL), and this request did not say so.`,
      'Nothing was sent to KMS. Import from the Import step of the rotation, which stages the material for RotateKeyOnDemand.',
    );
  }
  if (!rotating && req.newKeyMaterial) {
    throw new AppError(
      'NEW_MATERIAL_WITHOUT_ROTATION',
      'New key material (NEW_KEY_MATERIAL) is imported only in a rotation ceremony, and none is under way for this key.',
      'Nothing was sent to KMS. Choose “Rotate to new key material” in step Key first.',
    );
  }
}
