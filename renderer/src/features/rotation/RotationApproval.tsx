/**
 * Witness approval of RotateKeyOnDemand (issue 13): main computes what the rotation does — which key, from
 * which material to which — and its SHA-256; each witness approves that digest by name. Main counts the
 * approvals (policy row rotation.rotate) and voids them if KMS changed since.
 */
import { Paper, Stack, Typography } from '@mui/material';
import { formatHash } from '../../../../electron/shared/display/hash-format';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { WitnessApprovals } from '../../components/WitnessApprovals';
import { useUi } from '../../store';
import { formatInstant } from '../../time';

export function RotationApproval({ disabled }: { disabled: boolean }) {
  const approval = useUi((s) => s.session.rotation?.approval ?? null);
  const witnesses = useUi((s) => s.session.ceremony?.witnesses ?? []);

  const ask = () =>
    runAction(
      {
        scope: 'rotation-approval',
        action: 'Request rotation approval',
        progress: 'Reading the key’s materials and computing the rotation request…',
      },
      (api) => api.requestRotationApproval({}),
    );
  const approve = (witness: string, digest: string) =>
    runAction(
      {
        scope: 'rotation-approval',
        action: `Approve rotation as ${witness}`,
        progress: `Recording ${witness}’s approval of the rotation…`,
      },
      (api) => api.approveRotation({ witness, digest }),
    );

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="rotation-approval-title"
      sx={{ p: 2, mt: 3 }}
    >
      <Typography
        id="rotation-approval-title"
        variant="subtitle1"
        component="h3"
        sx={{ fontWeight: 600, mb: 1 }}
      >
        Witness approval of the rotation
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
        Each witness checks which key rotates, from which material to which, and approves it by name. If the
        key’s materials change in KMS, the approvals are void.
      </Typography>
      {!approval ? (
        <ActionButton
          label="Request rotation approval"
          variant="outlined"
          disabled={disabled}
          onClick={() => void ask()}
        />
      ) : (
        <Stack spacing={2} data-testid="rotation-approval-request" data-digest={approval.digest}>
          <Facts
            facts={[
              { label: 'Operation', value: approval.request.operation, mono: true },
              { label: 'Key ARN', value: approval.request.keyArn, mono: true },
              { label: 'Alias', value: approval.request.aliases.join(', ') || '—' },
              {
                label: 'Region / account',
                value: `${approval.request.region} / ${approval.request.account}`,
              },
              { label: 'From KeyMaterialId', value: approval.request.fromKeyMaterialId, mono: true },
              { label: 'To KeyMaterialId', value: approval.request.toKeyMaterialId, mono: true },
              {
                label: 'New material’s description',
                value: approval.request.toKeyMaterialDescription ?? '—',
              },
              {
                label: 'New material’s check value',
                value: approval.request.toCheckValue ?? '—',
                mono: true,
              },
              {
                label: 'New material expires',
                value: approval.request.toValidTo
                  ? formatInstant(approval.request.toValidTo)
                  : 'does not expire',
              },
              { label: 'Approval request', value: formatHash(approval.digest), mono: true },
            ]}
          />
          <WitnessApprovals
            id="rotation"
            witnesses={witnesses}
            approvedBy={approval.approvedBy}
            needed={approval.needed}
            whenReached="the rotation may be started"
            buttonLabel={(w) => `Approve rotation as ${w}`}
            approvedText="approved this rotation"
            onApprove={(w) => void approve(w, approval.digest)}
          />
        </Stack>
      )}
      <ErrorAlert scope="rotation-approval" />
    </Paper>
  );
}
