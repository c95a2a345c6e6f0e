/**
 * Step Rotate (issue 13, replaces Verify in a rotation): the key's materials with the new one waiting
 * (PENDING_ROTATION), the witnesses' approval of RotateKeyOnDemand, the call, the wait with progress, and
 * the proof — a new ciphertext is made with the new KeyMaterialId, a ciphertext made before still decrypts.
 */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Alert, AlertTitle, Box, List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PolicyNote, useVerdict } from '../../components/PolicyNote';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { KeyMaterials } from '../key/KeyMaterials';
import { RotationApproval } from './RotationApproval';
import { RotationRegions } from './RotationRegions';
import { RotationWait } from './RotationWait';
import { useRotationRegions } from './useRotationRegions';

export function RotateStep() {
  const key = useUi((s) => s.session.key);
  const rotation = useUi((s) => s.session.rotation);
  const verdict = useVerdict('rotation.rotate');
  const mr = useUi((s) => s.session.multiRegion);
  const regions = useRotationRegions(mr !== null);
  if (!key || !rotation) return null;
  const { started, completedAt, provenStatements } = rotation;
  // A multi-Region key: every Region first (spec §4.4 step 6); the rotation itself on the primary only.
  const inReplica = mr !== null && mr.current !== mr.primaryRegion;
  const regionsPending = mr !== null && regions.status?.allDone !== true;

  const rotate = () =>
    runAction(
      {
        scope: 'rotation',
        action: 'Rotate now (RotateKeyOnDemand)',
        progress: 'Checking the approvals against KMS and calling RotateKeyOnDemand…',
        expected: 'Usually a few seconds.',
      },
      (api) => api.rotateKeyOnDemand({}),
    );
  const prove = () =>
    runAction(
      {
        scope: 'rotation',
        action: 'Prove the rotation',
        progress: 'Encrypting and decrypting with the key, reading its materials…',
        expected: 'Usually a few seconds.',
      },
      (api) => api.proveRotation({}),
    );

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="The new material waits in KMS until RotateKeyOnDemand makes it current. The witnesses approve the rotation, KMS rotates, and the app proves it.">
        Rotate
      </StepHeading>
      <KeyMaterials keyDescription={key} />
      {mr && regions.status && !started && <RotationRegions status={regions.status} />}
      {mr && regions.error && (
        <Alert severity="error" role="alert" sx={{ mt: 3 }} data-testid="rotation-regions-error">
          {regions.error.message} {regions.error.hint}
        </Alert>
      )}
      {!started && !inReplica && (
        <>
          <RotationApproval disabled={regionsPending} />
          <Box sx={{ mt: 2 }}>
            <ActionButton
              label="Rotate now (RotateKeyOnDemand)"
              disabled={verdict?.allowed === false}
              onClick={() => void rotate()}
            />
          </Box>
          <PolicyNote action="rotation.rotate" />
        </>
      )}
      {started && !completedAt && <RotationWait toKeyMaterialId={started.toKeyMaterialId} />}
      {started && completedAt && !provenStatements && (
        <Alert severity="success" sx={{ mt: 3 }} data-testid="rotation-completed">
          <AlertTitle>Rotated: {started.toKeyMaterialId} is the key’s current material</AlertTitle>
          Now prove it with KMS’s own answers.
          <Box sx={{ mt: 1.5 }}>
            <ActionButton label="Prove the rotation" onClick={() => void prove()} />
          </Box>
        </Alert>
      )}
      <ErrorAlert scope="rotation" />
      {provenStatements && (
        <Alert severity="success" role="status" sx={{ mt: 3 }} data-testid="rotation-proof">
          <AlertTitle>Proven: the key now encrypts with the new material</AlertTitle>
          <List dense aria-label="What was proven">
            {provenStatements.map((statement) => (
              <ListItem key={statement} disableGutters>
                <ListItemIcon sx={{ minWidth: 32 }}>
                  <CheckCircleIcon color="success" titleAccess="proven" />
                </ListItemIcon>
                <ListItemText primary={statement} />
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
    </section>
  );
}
